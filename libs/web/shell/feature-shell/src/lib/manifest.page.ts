import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import {
  BcmApiService,
  BcmPageActions,
  FileDownloader,
  selectCanRebuild,
  selectContextVersion,
  selectExportError,
  selectIsExporting,
  selectIsLoaded,
  selectIsRebuilding,
  selectLoadError,
  selectManifest,
  selectVersions,
  selectVersionsError,
  toApiErrorMessage,
} from '@raptorflow/web-bcm-data-access';
import { type BcmChange, BcmMissingStateComponent, bcmDiff, bcmMarkdown, bcmSections } from '@raptorflow/web-bcm-ui';
import { ErrorBannerComponent, IndianDateTimePipe } from '@raptorflow/web-ui';
import { forkJoin } from 'rxjs';

/** /app/manifest: every section of the manifest, its exports, and what changed between any two versions. */
@Component({
  selector: 'rf-manifest-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, BcmMissingStateComponent, ErrorBannerComponent, IndianDateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './manifest.page.html',
  styleUrl: './manifest.page.scss',
})
export class ManifestPage {
  private readonly store = inject(Store);
  private readonly api = inject(BcmApiService);
  private readonly downloader = inject(FileDownloader);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly manifest = this.store.selectSignal(selectManifest);
  protected readonly isLoaded = this.store.selectSignal(selectIsLoaded);
  protected readonly loadError = this.store.selectSignal(selectLoadError);
  protected readonly canEdit = this.store.selectSignal(selectCanRebuild);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);
  protected readonly isExporting = this.store.selectSignal(selectIsExporting);
  protected readonly exportError = this.store.selectSignal(selectExportError);
  protected readonly versions = this.store.selectSignal(selectVersions);
  protected readonly versionsError = this.store.selectSignal(selectVersionsError);
  protected readonly sections = computed(() => {
    const bcm = this.manifest();
    return bcm ? bcmSections(bcm) : [];
  });

  // Unpicked, the comparison is the previous version against the latest (versions come newest first).
  protected readonly defaultTo = computed(() => this.versions()?.[0]?.version);
  protected readonly defaultFrom = computed(() => (this.versions()?.[1] ?? this.versions()?.[0])?.version);
  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);
  protected readonly changes = signal<BcmChange[] | null>(null);
  protected readonly comparing = signal(false);
  protected readonly diffError = signal<string | null>(null);

  constructor() {
    this.store.dispatch(BcmPageActions.versionsOpened());
  }

  protected build(): void {
    this.store.dispatch(BcmPageActions.rebuildConfirmed());
  }

  protected exportJson(): void {
    this.store.dispatch(BcmPageActions.exportClicked());
  }

  protected exportPdf(): void {
    this.store.dispatch(BcmPageActions.pdfExportClicked());
  }

  protected exportMarkdown(): void {
    const bcm = this.manifest();
    if (bcm) this.downloader.save(new Blob([bcmMarkdown(bcm)], { type: 'text/markdown;charset=utf-8' }), `raptorflow-bcm-v${bcm.version}.md`);
  }

  // The print stylesheet leaves only the manifest on paper; "Export PDF" is the API's rendering of the same sections.
  protected print(): void {
    this.document.defaultView?.print();
  }

  protected pick(which: 'from' | 'to', value: string): void {
    (which === 'from' ? this.from : this.to).set(value ? Number(value) : null);
    this.changes.set(null);
  }

  protected compare(): void {
    const from = this.from() ?? this.defaultFrom();
    const to = this.to() ?? this.defaultTo();
    if (from === undefined || to === undefined) return;
    this.comparing.set(true);
    this.diffError.set(null);
    forkJoin([this.api.version(from), this.api.version(to)])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([before, after]) => {
          this.changes.set(bcmDiff(before, after));
          this.comparing.set(false);
        },
        error: (error: unknown) => {
          this.diffError.set(toApiErrorMessage(error));
          this.comparing.set(false);
        },
      });
  }
}
