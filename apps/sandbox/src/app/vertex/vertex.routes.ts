import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxOptions } from '../sandbox';
import { answerText, type GenerateContentRequest, generateContentResponse, googleError, type GoogleErrorBody, promptOf, tokens } from './vertex.model';

const SANDBOX_KEY = 'vertex_sandbox_key';
const MODEL = /^gemini-[\w.-]+$/;

interface Behaviour {
  /** Every model call waits this long first (ends early when the caller hangs up). */
  delayMs: number;
  /** Answer model calls with this error status instead. */
  failStatus: number | null;
  /** Answer with text that is not the JSON asked for. */
  malformed: boolean;
}

interface Call {
  model: string;
  method: string;
  prompt: string;
  generationConfig: unknown;
  at: string;
}

const NORMAL: Behaviour = { delayMs: 0, failStatus: null, malformed: false };

function send(reply: FastifyReply, body: GoogleErrorBody): FastifyReply {
  return reply.code(body.error.code).send(body);
}

/**
 * Stand-in for Vertex AI in express mode (POST /v1/publishers/google/models/{model}:generateContent and
 * :countTokens, API key in x-goog-api-key or ?key=), with a control API under /vertex/__sandbox. State is in memory.
 */
export async function vertexRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  void options;
  const validKeys = new Set([SANDBOX_KEY, process.env['VERTEX_AI_API_KEY']].filter((key): key is string => !!key));
  let behaviour: Behaviour = { ...NORMAL };
  let calls: Call[] = [];

  // As Google answers: no key is 401, a wrong one 400 API_KEY_INVALID.
  const authenticate = async (request: FastifyRequest<{ Querystring: { key?: string } }>, reply: FastifyReply): Promise<void> => {
    const header = request.headers['x-goog-api-key'];
    const key = (Array.isArray(header) ? header[0] : header) ?? request.query.key;
    if (!key) {
      await send(reply, googleError(401, 'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.'));
    } else if (!validKeys.has(key)) {
      const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'aiplatform.googleapis.com' } }];
      await send(reply, googleError(400, 'API key not valid. Please pass a valid API key.', details));
    }
  };

  // The socket, not the request: a request stream closes as soon as its body has been read.
  const wait = (request: FastifyRequest, ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const socket = request.raw.socket;
      const done = () => {
        clearTimeout(timer);
        socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      socket.once('close', done);
    });

  app.post<{ Params: { modelAndMethod: string }; Querystring: { key?: string } }>('/v1/publishers/google/models/:modelAndMethod', async (request, reply) => {
    await authenticate(request, reply);
    if (reply.sent) return reply;
    const [model, method] = request.params.modelAndMethod.split(':');
    if (method !== 'generateContent' && method !== 'countTokens') {
      return send(reply, googleError(404, `Method ${method ?? '(none)'} is not simulated; use generateContent or countTokens.`));
    }
    if (!MODEL.test(model)) {
      return send(reply, googleError(404, `Publisher Model \`publishers/google/models/${model}\` was not found or your project does not have access to it.`));
    }
    const parsed = promptOf(request.body);
    if ('invalid' in parsed) return send(reply, googleError(400, parsed.invalid));
    if (method === 'countTokens') {
      return { totalTokens: tokens(parsed.prompt), totalBillableCharacters: parsed.prompt.replace(/\s/g, '').length, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens(parsed.prompt) }] };
    }

    const body = request.body as GenerateContentRequest;
    calls.push({ model, method, prompt: parsed.prompt, generationConfig: body.generationConfig, at: new Date().toISOString() });
    await wait(request, behaviour.delayMs);
    if (request.raw.socket.destroyed) return reply;
    if (behaviour.failStatus === 429) {
      return send(reply, googleError(429, 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.'));
    }
    if (behaviour.failStatus) return send(reply, googleError(behaviour.failStatus, 'Sandbox: injected failure.'));
    return generateContentResponse(model, parsed.prompt, answerText(parsed.prompt, body, behaviour.malformed));
  });

  app.get('/__sandbox/state', async () => ({ behaviour, calls: calls.length }));

  app.get('/__sandbox/calls', async () => calls);

  app.post<{ Body: Partial<Behaviour> }>('/__sandbox/behaviour', async (request, reply) => {
    const { delayMs = behaviour.delayMs, failStatus = behaviour.failStatus, malformed = behaviour.malformed } = request.body ?? {};
    const validStatus = failStatus === null || (Number.isInteger(failStatus) && failStatus >= 400 && failStatus <= 599);
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 120_000 || !validStatus || typeof malformed !== 'boolean') {
      return send(reply, googleError(400, 'delayMs must be 0-120000, failStatus a 4xx/5xx integer or null, malformed a boolean'));
    }
    behaviour = { delayMs, failStatus, malformed };
    return behaviour;
  });

  app.post('/__sandbox/reset', async () => {
    behaviour = { ...NORMAL };
    calls = [];
    return { ok: true };
  });

  app.all('/*', async (request, reply) => send(reply, googleError(404, `${request.method} ${request.url} is not simulated`)));
}
