// For tests of the stand-ins and of the adapters that talk to them: a sandbox on a free loopback port.
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSandbox } from './sandbox';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** The sandbox on the test run's database, listening on a free port (its pages must know their own URL); sign-up autoconfirms. */
export async function startTestSandbox(): Promise<{ sandbox: FastifyInstance; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = await createSandbox({ databaseUrl: process.env['DATABASE_URL'] as string, publicUrl: url, autoconfirm: true });
  await sandbox.listen({ port, host: '127.0.0.1' });
  return { sandbox, url };
}

/** The API's settings that point its production adapters at this sandbox's PhonePe and Resend stand-ins. */
export function standInEnv(sandboxUrl: string): Record<string, string> {
  return {
    PHONEPE_OAUTH_BASE_URL: `${sandboxUrl}/phonepe`,
    PHONEPE_PG_BASE_URL: `${sandboxUrl}/phonepe`,
    PHONEPE_TIMEOUT_MS: '2000',
    RESEND_BASE_URL: `${sandboxUrl}/resend`,
  };
}

/**
 * A caller of the sandbox's control routes (`/phonepe/__sandbox/...`, `/resend/__sandbox/...`): GET without a body,
 * POST with one; a refusal throws with the sandbox's answer.
 */
export function sandboxControl(sandboxUrl: string) {
  return async (path: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}
