import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { catchError, map, of } from 'rxjs';

// /status: what operators and the smoke test read; the landing page stays about the product.
interface Readiness {
  status: 'ok' | 'degraded';
  checks: Record<string, { status: 'up' | 'down' }>;
}

interface StatusView {
  state: 'loading' | 'unreachable' | Readiness['status'];
  checks: { name: string; status: 'up' | 'down' }[];
}

@Component({
  selector: 'rf-status-page',
  imports: [MatCardModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page">
      <h1>System status</h1>
      <mat-card appearance="outlined" aria-live="polite">
        <mat-card-header><mat-card-title>RaptorFlow services</mat-card-title></mat-card-header>
        <mat-card-content>
          @switch (status().state) {
            @case ('loading') { <p>Checking…</p> }
            @case ('unreachable') { <p class="rf-error">The API cannot be reached.</p> }
            @default {
              <ul>
                @for (check of status().checks; track check.name) {
                  <li>{{ check.name }}: <strong>{{ check.status }}</strong></li>
                }
              </ul>
            }
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
})
export class StatusPage {
  private readonly http = inject(HttpClient);

  protected readonly status = toSignal(
    this.http.get<Readiness>('/api/v1/health/ready', { observe: 'body' }).pipe(
      catchError((error) => of(error?.error?.checks ? (error.error as Readiness) : null)),
      map((r): StatusView =>
        r ? { state: r.status, checks: Object.entries(r.checks).map(([name, c]) => ({ name, status: c.status })) } : { state: 'unreachable', checks: [] },
      ),
    ),
    { initialValue: { state: 'loading', checks: [] } as StatusView },
  );
}
