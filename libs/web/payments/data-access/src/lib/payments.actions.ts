import type { BillingPeriod, InitiatePaymentResponse, NextStep, PaymentView, Plan, PlanId } from '@raptorflow/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { PaymentsErrorView } from './payments.errors';

export const PlanSelectionPageActions = createActionGroup({
  source: 'Plan Selection Page',
  events: {
    Opened: emptyProps(),
    'Continue Clicked': props<{ planId: PlanId; period: BillingPeriod }>(),
  },
});

export const PaymentReturnPageActions = createActionGroup({
  source: 'Payment Return Page',
  events: {
    Opened: props<{ merchantOrderId: string }>(),
    'Check Again Clicked': props<{ merchantOrderId: string }>(),
    'Refresh Profile Clicked': emptyProps(),
  },
});

export const BillingHistoryActions = createActionGroup({
  source: 'Billing History',
  events: {
    Opened: emptyProps(),
  },
});

export const PaymentsApiActions = createActionGroup({
  source: 'Payments API',
  events: {
    'Plans Loaded': props<{ plans: Plan[] }>(),
    'Plans Load Failed': props<{ error: PaymentsErrorView }>(),
    'History Loaded': props<{ payments: PaymentView[] }>(),
    'History Load Failed': props<{ error: PaymentsErrorView }>(),
    'Checkout Created': props<{ checkout: InitiatePaymentResponse }>(),
    'Checkout Failed': props<{ error: PaymentsErrorView }>(),
    'Status Loaded': props<{ payment: PaymentView }>(),
    'Status Check Failed': props<{ error: PaymentsErrorView; final: boolean }>(),
    // The polling budget ran out while PhonePe still reports the payment as pending.
    'Still Pending': props<{ merchantOrderId: string }>(),
    'Profile Refreshed': props<{ next: NextStep }>(),
    'Profile Refresh Failed': props<{ error: PaymentsErrorView }>(),
  },
});
