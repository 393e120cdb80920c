import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { BcmVersionSummary } from '@raptorflow/contracts';
import { BcmPageActions, FileDownloader, initialBcmState, selectCanRebuild, selectIsLoaded, selectManifest, selectVersions } from '@raptorflow/web-bcm-data-access';
import { makeManifest } from '@raptorflow/web-bcm-data-access/testing';
import { ManifestPage } from './manifest.page';

const VERSIONS: BcmVersionSummary[] = [3, 2].map((version) => ({ version, checksum: `c${version}`, sourceContextVersion: version, schemaVersion: 1, createdAt: '2026-11-20T10:00:00Z' }));

// jsdom's Blob has no text().
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

async function render(canEdit = true) {
  const saved: { blob: Blob; fileName: string }[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideMockStore({ initialState: { bcm: initialBcmState } }),
      { provide: FileDownloader, useValue: { save: (blob: Blob, fileName: string) => saved.push({ blob, fileName }) } },
    ],
  });
  const store = TestBed.inject(MockStore);
  store.overrideSelector(selectManifest, makeManifest());
  store.overrideSelector(selectIsLoaded, true);
  store.overrideSelector(selectCanRebuild, canEdit);
  store.overrideSelector(selectVersions, VERSIONS);
  const fixture = TestBed.createComponent(ManifestPage);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement, saved, http: TestBed.inject(HttpTestingController) };
}

describe('ManifestPage', () => {
  it('shows every section with an edit link to the step behind it', async () => {
    const { element } = await render();
    const sections = Array.from(element.querySelectorAll('[data-testid^="bcm-section-"]'));
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual(['Identity', 'Offering', 'Positioning', 'Customer profiles', 'Competitors', 'Messaging', 'Channels', '90-day goal', 'Constraints', 'Baseline']);
    expect(element.querySelector('[data-testid="bcm-section-positioning"]')?.textContent).toContain('Ledgerly is the bookkeeping autopilot');
    expect(element.querySelector('a[aria-label="Edit Offering"]')?.getAttribute('href')).toBe('/onboarding?step=offering');
  });

  it('offers no edit links to a member who cannot change the answers', async () => {
    const { element } = await render(false);
    expect(element.querySelectorAll('a[aria-label^="Edit "]')).toHaveLength(0);
  });

  it('exports the manifest as Markdown', async () => {
    const { element, saved, fixture } = await render();
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Export Markdown'))?.click();
    await fixture.whenStable();
    expect(saved[0].fileName).toBe('raptorflow-bcm-v3.md');
    expect(saved[0].blob.type).toBe('text/markdown;charset=utf-8');
    expect(await readText(saved[0].blob)).toContain('## Customer profiles');
  });

  it('asks for the PDF export beside the Markdown and JSON ones', async () => {
    const { element, fixture } = await render();
    const dispatched: string[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((a) => dispatched.push(a.type));
    const labels = Array.from(element.querySelectorAll('.actions button')).map((b) => b.textContent?.trim());
    expect(labels).toEqual(expect.arrayContaining(['Export JSON', 'Export Markdown', 'Export PDF']));
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Export PDF')?.click();
    await fixture.whenStable();
    expect(dispatched).toContain(BcmPageActions.pdfExportClicked.type);
  });

  it('compares the previous version with the latest and lists what changed', async () => {
    const { element, http, fixture } = await render();
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Compare')?.click();
    http.expectOne('/api/v1/context/bcm/versions/2').flush(makeManifest({ version: 2, offering: { ...makeManifest().offering, oneLiner: 'Books on autopilot' } }));
    http.expectOne('/api/v1/context/bcm/versions/3').flush(makeManifest());
    await fixture.whenStable();
    const rows = Array.from(element.querySelectorAll('[data-testid="bcm-diff"] tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()));
    expect(rows).toEqual([['Offering', 'One-liner', 'Books on autopilot', 'Bookkeeping on autopilot for Indian SMBs']]);
  });
});
