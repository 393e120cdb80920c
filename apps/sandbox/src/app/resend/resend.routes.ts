import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxOptions } from '../sandbox';
import type { ResendOutbox, StoredResponse } from './resend.outbox';
import { renderOutboxPage } from './resend.outbox-page';
import { resendError, validateEmail, type EmailInput, type ResendErrorBody } from './resend.validation';

const SANDBOX_KEY = 're_sandbox_key';
const ERROR_NAMES: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  403: 'invalid_api_key',
  409: 'concurrent_idempotent_requests',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
};

function send(reply: FastifyReply, response: StoredResponse | ResendErrorBody): FastifyReply {
  const statusCode = response.statusCode;
  return reply.code(statusCode).send('body' in response ? response.body : response);
}

/**
 * Stand-in for the Resend emails API (POST /emails, /emails/batch, GET /emails/:id) as the `resend` SDK calls it,
 * with an outbox (/resend/outbox, /resend/__sandbox/emails) and failure injection. State is in memory.
 */
export async function resendRoutes(app: FastifyInstance, options: SandboxOptions, outbox: ResendOutbox): Promise<void> {
  void options;
  const validKeys = new Set([SANDBOX_KEY, process.env['RESEND_API_KEY']].filter((key): key is string => !!key));

  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const [scheme, key] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !key) {
      await send(reply, resendError(401, 'missing_api_key', 'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY'));
    } else if (!validKeys.has(key)) {
      await send(reply, resendError(403, 'invalid_api_key', 'API key is invalid'));
    }
  };

  // Shared by /emails and /emails/batch: auth, idempotency key, injected failure, replay.
  const admit = async (request: FastifyRequest, reply: FastifyReply, path: string): Promise<string | undefined> => {
    await authenticate(request, reply);
    if (reply.sent) return undefined;
    const header = request.headers['idempotency-key'];
    const key: string | undefined = Array.isArray(header) ? header[0] : header;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      await send(reply, resendError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'));
      return undefined;
    }
    const failure = outbox.takeFailure();
    if (failure) {
      if (failure === 429) reply.header('retry-after', '1').header('ratelimit-limit', '5').header('ratelimit-remaining', '0');
      await send(reply, resendError(failure, ERROR_NAMES[failure] ?? 'application_error', `Sandbox: injected ${failure}`));
      return undefined;
    }
    const replayed = key ? outbox.replay(key, path, request.body) : undefined;
    if (replayed) {
      await send(reply, replayed);
      return undefined;
    }
    return key ?? '';
  };

  app.post('/emails', async (request, reply) => {
    const key = await admit(request, reply, '/emails');
    if (key === undefined) return reply;
    const validated = validateEmail(request.body);
    if ('error' in validated) return send(reply, validated.error);
    const email = outbox.store(validated.value, key || undefined);
    const response = { statusCode: 200, body: { id: email.id } };
    if (key) outbox.remember(key, '/emails', request.body, response);
    return send(reply, response);
  });

  app.post('/emails/batch', async (request, reply) => {
    const key = await admit(request, reply, '/emails/batch');
    if (key === undefined) return reply;
    const body = request.body;
    if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
      return send(reply, resendError(422, 'validation_error', 'The batch must be an array of 1 to 100 emails.'));
    }
    const inputs: EmailInput[] = [];
    for (const [index, item] of body.entries()) {
      const validated = validateEmail(item);
      if ('error' in validated) {
        return send(reply, { ...validated.error, message: `emails[${index}]: ${validated.error.message}` });
      }
      inputs.push(validated.value);
    }
    const data = inputs.map((input) => ({ id: outbox.store(input, key || undefined).id }));
    const response = { statusCode: 200, body: { data } };
    if (key) outbox.remember(key, '/emails/batch', body, response);
    return send(reply, response);
  });

  app.get<{ Params: { id: string } }>('/emails/:id', async (request, reply) => {
    await authenticate(request, reply);
    if (reply.sent) return reply;
    const email = outbox.find(request.params.id);
    if (!email) return send(reply, resendError(404, 'not_found', 'Email not found'));
    return { object: 'email', ...email, idempotency_key: undefined, last_event: 'delivered' };
  });

  app.get('/outbox', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderOutboxPage(outbox.list())));

  // Email HTML is served under a CSP sandbox so scripts in it cannot run on the sandbox origin.
  app.get<{ Params: { id: string } }>('/outbox/:id', async (request, reply) => {
    const asText = request.params.id.endsWith('.txt');
    const email = outbox.find(asText ? request.params.id.slice(0, -4) : request.params.id);
    if (!email) return reply.code(404).type('text/plain').send('Email not found');
    if (asText) return reply.type('text/plain; charset=utf-8').send(email.text ?? '');
    return reply
      .header('content-security-policy', 'sandbox')
      .type('text/html; charset=utf-8')
      .send(email.html ?? `<pre>${(email.text ?? '').replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`);
  });

  // An attachment as the recipient would open it (content attachments only; a `path` one is fetched by Resend).
  app.get<{ Params: { id: string; index: string } }>('/outbox/:id/attachments/:index', async (request, reply) => {
    const attachment = outbox.find(request.params.id)?.attachments?.[Number(request.params.index)];
    if (!attachment?.content) return reply.code(404).type('text/plain').send('Attachment not found');
    return reply
      .type(attachment.content_type ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${attachment.filename.replace(/["\\\r\n]/g, '_')}"`)
      .send(Buffer.from(attachment.content, 'base64'));
  });

  app.get<{ Querystring: { to?: string } }>('/__sandbox/emails', async (request) => outbox.list(request.query.to));

  app.get<{ Params: { id: string } }>('/__sandbox/emails/:id', async (request, reply) => {
    const email = outbox.find(request.params.id);
    return email ?? send(reply, resendError(404, 'not_found', 'Email not found'));
  });

  app.post<{ Body: { status?: number; count?: number } }>('/__sandbox/fail', async (request, reply) => {
    const { status, count = 1 } = request.body ?? {};
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599 || !Number.isInteger(count) || count < 1) {
      return send(reply, resendError(400, 'validation_error', 'status must be a 4xx/5xx integer and count >= 1'));
    }
    outbox.armFailure(status as number, count);
    return { status, count };
  });

  app.post('/__sandbox/reset', async () => {
    outbox.reset();
    return { ok: true };
  });

  app.all('/*', async (request, reply) =>
    send(reply, resendError(404, 'not_found', `${request.method} ${request.url} is not simulated`)),
  );
}
