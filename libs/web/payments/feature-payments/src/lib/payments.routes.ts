import type { Routes } from '@angular/router';
import { providePayments } from '@raptorflow/web-payments-data-access';
import { PaymentReturnPage } from './payment-return.page';
import { PlanSelectionPage } from './plan-selection.page';

/** Mounted at `/onboarding/payment`; the app route's `canMatch` guard covers both pages. */
export const paymentRoutes: Routes = [
  {
    path: '',
    providers: [providePayments()],
    children: [
      { path: '', pathMatch: 'full', title: 'Choose your plan · RaptorFlow', component: PlanSelectionPage },
      { path: 'return', title: 'Confirming your payment · RaptorFlow', component: PaymentReturnPage },
    ],
  },
];
