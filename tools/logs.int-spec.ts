// Log hygiene: requests carrying credentials must leave no credential in the JSON logs, only "[redacted]".
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp, eventually } from '@raptorflow/api-platform/testing';
import { Logger } from 'nestjs-pino';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

// JWT-shaped (header.payload.signature) but signed by nobody.
const FAKE_JWT = `${b64url({ alg: 'ES256', typ: 'JWT', kid: 'log-test' })}.${b64url({ sub: '00000000-0000-4000-8000-00000000beef', aud: 'authenticated', exp: 4102444800 })}.${'S'.repeat(86)}`;
const SECRETS = {
  jwt: FAKE_JWT,
  jwtSignature: 'S'.repeat(86),
  cookie: 'sb-access-token=cookieSecretValue123',
  cookieValue: 'cookieSecretValue123',
  apikey: 'sb_secret_apikeyHeaderValue456',
  password: 'hunter2-Password-789',
  refreshToken: 'refreshTokenValue-abc-012',
  xApiKey: 'xApiKeyHeaderValue-345',
};

describe('log hygiene', () => {
  let app: NestFastifyApplication;
  const chunks: string[] = [];
  const originalWrite = process.stdout.write;

  beforeAll(async () => {
    // Replaced before the app (and pino) exist: pino then writes through process.stdout.write instead of fd 1.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
    app = await createTestApp(
      { imports: [HttpPlatformModule, AuthModule] },
      // Nobody listens on :1: the JWKS fetch fails fast; the request still gets logged.
      { LOG_LEVEL: 'info', SUPABASE_URL: 'http://127.0.0.1:1', REDIS_PREFIX: `${process.env['REDIS_PREFIX'] ?? 'rf:test'}:logs${Date.now()}` },
    );
  });

  afterAll(async () => {
    await app?.close();
    process.stdout.write = originalWrite;
  });

  const headers = {
    authorization: `Bearer ${SECRETS.jwt}`,
    cookie: SECRETS.cookie,
    apikey: SECRETS.apikey,
    'x-api-key': SECRETS.xApiKey,
    'content-type': 'application/json',
  };
  const body = JSON.stringify({ email: 'someone@example.com', password: SECRETS.password, refresh_token: SECRETS.refreshToken });

  it('redacts tokens, cookies, keys and passwords from request logs', async () => {
    const responses = await Promise.all([
      app.inject({ method: 'GET', url: '/api/v1/auth/verify-profile', headers }),
      app.inject({ method: 'POST', url: '/api/v1/auth/ensure-profile', headers, payload: body }),
      app.inject({ method: 'POST', url: '/api/v1/does-not-exist', headers, payload: body }),
      app.inject({ method: 'GET', url: '/api/v1/public-config', headers: { ...headers, 'x-request-id': 'req-from-the-proxy-1' } }),
      // A token pasted into a link.
      app.inject({ method: 'GET', url: `/api/v1/workspace?access_token=${SECRETS.jwt}&apikey=${SECRETS.apikey}&page=2`, headers: {} }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([expect.any(Number), expect.any(Number), 404, 200, 401]);
    expect(responses[0].statusCode).toBeGreaterThanOrEqual(400);

    // Something a developer might log by hand: the body of a request.
    app.get(Logger).log({ msg: 'sign-in attempt', body: JSON.parse(body), session: { access_token: SECRETS.jwt, refresh_token: SECRETS.refreshToken } });
    // pino writes asynchronously: wait for that line (it comes after the request logs).
    await eventually(() => chunks.join('').includes('sign-in attempt'));

    const text = chunks.join('');
    const lines = text.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => l.includes('"url":"/api/v1/auth/verify-profile"'))).toBe(true);
    for (const [name, value] of Object.entries(SECRETS)) expect({ name, leaked: text.includes(value) }).toEqual({ name, leaked: false });
    expect(text).toContain('[redacted]');
    const requestLog = JSON.parse(lines.find((l) => l.includes('"url":"/api/v1/auth/verify-profile"')) as string);
    expect(requestLog.req.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', apikey: '[redacted]', 'x-api-key': '[redacted]' });
    // Each request line carries its request id: the caller's x-request-id when it is a valid one, else a fresh uuid.
    expect(requestLog.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(lines.find((l) => l.includes('"url":"/api/v1/public-config"')) as string)).toMatchObject({ reqId: 'req-from-the-proxy-1', res: { statusCode: 200 }, msg: 'request completed' });
    const linkLog = JSON.parse(lines.find((l) => l.includes('/api/v1/workspace?access_token')) as string);
    expect(linkLog.req.url).toBe('/api/v1/workspace?access_token=[redacted]&apikey=[redacted]&page=2');
  });
});
