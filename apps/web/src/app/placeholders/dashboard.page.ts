import { ChangeDetectionStrategy, Component } from '@angular/core';

// Placeholder until the real feature library replaces it.
@Component({
  selector: 'rf-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="rf-page"><h1>Dashboard</h1></section>`,
})
export class DashboardPage {}
