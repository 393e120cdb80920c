-- Signed-in users read payments only through the API, and even a direct query as `authenticated` (a Data API left
-- on, a bug in a user-scoped path) must not show PhonePe's payloads, checkout URLs or who issued a refund.
-- Column grants instead of table grants: a column added later is private until a migration grants it.
revoke select on public.payment_transactions from authenticated;
grant select (id, merchant_order_id, workspace_id, user_id, plan_id, period, amount, currency, state, expire_at, error_code,
              applied_at, refunded_amount, completed_at, created_at, updated_at)
  on public.payment_transactions to authenticated;

revoke select on public.refunds from authenticated;
grant select (merchant_refund_id, merchant_order_id, amount, state, created_at, updated_at) on public.refunds to authenticated;
