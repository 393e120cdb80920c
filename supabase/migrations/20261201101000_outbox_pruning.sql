-- The relay removes delivered outbox rows after a week; this keeps that delete off a full scan.
create index outbox_delivered_idx on public.outbox (delivered_at) where delivered_at is not null;
