import { type PaymentView, type Plan, PLANS } from '@raptorflow/contracts';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { BillingHistoryActions, PaymentReturnPageActions, PaymentsApiActions, PlanSelectionPageActions } from './payments.actions';
import type { PaymentsErrorView } from './payments.errors';

/** What the return page shows for the order PhonePe sent the user back with. */
export type ReturnPhase = 'idle' | 'checking' | 'pending' | 'still-pending' | 'completed' | 'failed' | 'error';

export interface PaymentsState {
  // The catalog is shipped with the app, so cards render at once; the API's answer replaces it.
  plans: readonly Plan[];
  plansError: PaymentsErrorView | null;
  initiating: boolean;
  checkoutError: PaymentsErrorView | null;
  history: PaymentView[] | null;
  historyLoading: boolean;
  historyError: PaymentsErrorView | null;
  merchantOrderId: string | null;
  payment: PaymentView | null;
  phase: ReturnPhase;
  statusError: PaymentsErrorView | null;
  profileRefreshed: boolean;
  profileError: PaymentsErrorView | null;
}

export const initialPaymentsState: PaymentsState = {
  plans: PLANS,
  plansError: null,
  initiating: false,
  checkoutError: null,
  history: null,
  historyLoading: false,
  historyError: null,
  merchantOrderId: null,
  payment: null,
  phase: 'idle',
  statusError: null,
  profileRefreshed: false,
  profileError: null,
};

function phaseOf(payment: PaymentView): ReturnPhase {
  if (payment.state === 'COMPLETED') return 'completed';
  return payment.state === 'FAILED' ? 'failed' : 'pending';
}

export const paymentsFeature = createFeature({
  name: 'payments',
  reducer: createReducer(
    initialPaymentsState,
    on(PlanSelectionPageActions.opened, (state): PaymentsState => ({ ...state, checkoutError: null, initiating: false })),
    on(PaymentsApiActions.plansLoaded, (state, { plans }): PaymentsState => ({ ...state, plans, plansError: null })),
    on(PaymentsApiActions.plansLoadFailed, (state, { error }): PaymentsState => ({ ...state, plansError: error })),
    on(PlanSelectionPageActions.continueClicked, (state): PaymentsState => ({ ...state, initiating: true, checkoutError: null })),
    // `initiating` stays true: the browser is leaving for PhonePe.
    on(PaymentsApiActions.checkoutCreated, (state): PaymentsState => state),
    on(PaymentsApiActions.checkoutFailed, (state, { error }): PaymentsState => ({ ...state, initiating: false, checkoutError: error })),
    on(BillingHistoryActions.opened, (state): PaymentsState => ({ ...state, historyLoading: true, historyError: null })),
    on(PaymentsApiActions.historyLoaded, (state, { payments }): PaymentsState => ({ ...state, history: payments, historyLoading: false })),
    on(PaymentsApiActions.historyLoadFailed, (state, { error }): PaymentsState => ({ ...state, historyLoading: false, historyError: error })),
    on(PaymentReturnPageActions.opened, PaymentReturnPageActions.checkAgainClicked, (state, { merchantOrderId }): PaymentsState => ({
      ...state,
      merchantOrderId,
      payment: state.merchantOrderId === merchantOrderId ? state.payment : null,
      phase: 'checking',
      statusError: null,
      profileRefreshed: false,
      profileError: null,
    })),
    on(PaymentsApiActions.statusLoaded, (state, { payment }): PaymentsState => ({ ...state, payment, phase: phaseOf(payment), statusError: null })),
    // A passing failure keeps the current phase (polling goes on); a final one ends the page.
    on(PaymentsApiActions.statusCheckFailed, (state, { error, final }): PaymentsState => ({ ...state, statusError: error, phase: final ? 'error' : state.phase })),
    on(PaymentsApiActions.stillPending, (state): PaymentsState => ({ ...state, phase: 'still-pending' })),
    on(PaymentReturnPageActions.refreshProfileClicked, (state): PaymentsState => ({ ...state, profileError: null })),
    on(PaymentsApiActions.profileRefreshed, (state): PaymentsState => ({ ...state, profileRefreshed: true, profileError: null })),
    on(PaymentsApiActions.profileRefreshFailed, (state, { error }): PaymentsState => ({ ...state, profileError: error })),
  ),
  extraSelectors: ({ selectHistory }) => ({
    // Newest first, whatever order the API used.
    selectSortedHistory: createSelector(selectHistory, (history) => [...(history ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))),
    selectHasHistory: createSelector(selectHistory, (history) => (history?.length ?? 0) > 0),
  }),
});

export const {
  selectPlans,
  selectPlansError,
  selectInitiating,
  selectCheckoutError,
  selectHistory,
  selectHistoryLoading,
  selectHistoryError,
  selectSortedHistory,
  selectHasHistory,
  selectMerchantOrderId,
  selectPayment,
  selectPhase,
  selectStatusError,
  selectProfileRefreshed,
  selectProfileError,
} = paymentsFeature;
