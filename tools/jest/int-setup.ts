// Gives the integration run its own database and Redis prefix unless `npm test` already made them.
import { prepare } from '../db';

export default async function setup(): Promise<void> {
  process.env['APP_ENV'] = 'test';
  process.env['LOG_LEVEL'] ??= 'warn';
  if (!process.env['RF_TEST_DATABASE_URL']) {
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const url = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/rf_test_${id}`;
    process.env['RF_TEST_DATABASE_URL'] = url.toString();
    process.env['RF_TEST_OWNS_DATABASE'] = 'true';
    process.env['REDIS_PREFIX'] = `rf:test:${id}`;
    await prepare(url.toString());
  }
  process.env['DATABASE_URL'] = process.env['RF_TEST_DATABASE_URL'];
}
