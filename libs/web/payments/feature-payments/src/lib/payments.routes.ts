import type { Routes } from '@angular/router';
import { providePayments } from '@raptorflow/web-payments-data-access';
import { PaymentReturnPage } from './payment-return.page';
import { PlanSelectionPage } from './plan-selection.page';

/** Mounted at `/onboarding/payment` behind `authGuard('payment')`. */
export const paymentRoutes: Routes = [{ path: '', pathMatch: 'full', providers: [providePayments()], title: 'Choose your plan · RaptorFlow', component: PlanSelectionPage }];

/** Mounted at `/onboarding/payment/return` behind `paymentReturnGuard` from the data-access lib (any signed-in user). */
export const paymentReturnRoutes: Routes = [{ path: '', providers: [providePayments()], title: 'Confirming your payment · RaptorFlow', component: PaymentReturnPage }];
