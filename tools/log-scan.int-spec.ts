import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../libs/api/platform/src/lib/config/env.schema';
import { configuredSecrets, scanLogs } from './log-scan';

describe('log scan of npm test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rf-log-scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the configured secrets without printing them', () => {
    const secrets = configuredSecrets(loadConfig({ ...process.env, APP_ENV: 'test', PHONEPE_CLIENT_SECRET: 'phonepe-secret-for-scan' }));
    expect(secrets).toContainEqual({ name: 'PHONEPE_CLIENT_SECRET', value: 'phonepe-secret-for-scan' });
    expect(secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['PHONEPE_WEBHOOK_PASSWORD', 'RESEND_API_KEY']));
  });

  it('finds every credential in every log file, and passes redacted lines', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
    mkdirSync(join(dir, 'e2e-stack'));
    writeFileSync(join(dir, 'npm-test.log'), ['PASS something', `request failed for Bearer ${'a'.repeat(40)}`, 'all good'].join('\n'));
    writeFileSync(
      join(dir, 'e2e-stack', 'api.log'),
      [
        '{"req":{"headers":{"authorization":"[redacted]"}},"body":{"password":"[redacted]"}}',
        `{"msg":"token ${jwt}"}`,
        '{"body":{"email":"a@example.com","password":"correct-horse-42"}}',
        '{"msg":"calling PhonePe with the-client-secret-value"}',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'e2e-stack', 'worker.log'), '{"msg":"heartbeat"}\n');
    const { files, leaks } = scanLogs(dir, [{ name: 'PHONEPE_CLIENT_SECRET', value: 'the-client-secret-value' }]);
    expect(files).toBe(3);
    expect(leaks).toEqual([
      { file: 'npm-test.log', line: 2, what: 'a bearer token' },
      { file: join('e2e-stack', 'api.log'), line: 2, what: 'a JWT (access token)' },
      { file: join('e2e-stack', 'api.log'), line: 3, what: 'a password' },
      { file: join('e2e-stack', 'api.log'), line: 4, what: 'the value of PHONEPE_CLIENT_SECRET' },
    ]);
  });
});
