import { dropDatabase } from '../db';

export default async function teardown(): Promise<void> {
  if (process.env['RF_TEST_OWNS_DATABASE'] === 'true') await dropDatabase(process.env['RF_TEST_DATABASE_URL'] as string);
}
