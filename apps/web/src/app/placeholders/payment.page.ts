import { ChangeDetectionStrategy, Component } from '@angular/core';

// Placeholder until the real feature library replaces it.
@Component({
  selector: 'rf-payment-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="rf-page"><h1>Choose your plan</h1></section>`,
})
export class PaymentPage {}
