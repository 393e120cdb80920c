-- Money's ledger (20261201100000) added columns after whose grants 20261201110000 was written. A member sees what
-- PhonePe captured (a late capture is shown as refunded) and a refund's reason and completion time; the status
-- bookkeeping, the covered period and PhonePe's refund error stay with the service role.
grant select (captured_amount) on public.payment_transactions to authenticated;
grant select (reason, completed_at) on public.refunds to authenticated;
