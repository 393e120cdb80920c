import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import type { WorkspaceMembership } from '@raptorflow/contracts';

/** The current workspace as a menu button; the menu lists the user's others and `chosen` names the one picked. */
@Component({
  selector: 'rf-workspace-switcher',
  imports: [MatButtonModule, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button type="button" class="current" data-testid="workspace-switcher" [matMenuTriggerFor]="menu" [disabled]="busy()" [attr.aria-label]="'Workspace: ' + (current()?.name ?? '') + '. Switch workspace'">
      <span class="name">{{ current()?.name }}</span>
      <span aria-hidden="true">▾</span>
    </button>
    <mat-menu #menu="matMenu" aria-label="Workspaces">
      @for (ws of workspaces(); track ws.id) {
        <button mat-menu-item type="button" role="menuitemradio" [attr.aria-checked]="ws.id === currentId()" (click)="ws.id !== currentId() && chosen.emit(ws.id)">
          {{ ws.name }} <span class="role">({{ ws.role }})</span>
        </button>
      }
    </mat-menu>
  `,
  styles: `
    :host { display: inline-flex; min-width: 0; }
    .current { max-width: min(240px, 40vw); }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: inline-block; max-width: calc(min(240px, 40vw) - 40px); vertical-align: bottom; }
    .role { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class WorkspaceSwitcherComponent {
  readonly workspaces = input.required<readonly WorkspaceMembership[]>();
  readonly currentId = input<string | null | undefined>(null);
  readonly busy = input(false);
  readonly chosen = output<string>();

  protected readonly current = computed(() => this.workspaces().find((ws) => ws.id === this.currentId()) ?? null);
}
