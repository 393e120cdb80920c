-- A payment's refunds are read by order on every payment status and billing-history request (found by the
-- query-plans test over the scale fixture: a sequential scan of refunds).
create index refunds_merchant_order_idx on public.refunds (merchant_order_id, created_at);
