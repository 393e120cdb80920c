-- Seed data for local development and tests. Idempotent: runs on every `npm start`.
select 1;
