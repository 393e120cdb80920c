import cors from '@fastify/cors';
import Fastify, { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/auth.routes';
import { googleRoutes } from './google/google.routes';
import { phonepeRoutes } from './phonepe/phonepe.routes';
import { ResendOutbox } from './resend/resend.outbox';
import { resendRoutes } from './resend/resend.routes';
import { vertexRoutes } from './vertex/vertex.routes';

export interface SandboxOptions {
  /** Postgres URL of the app database; the auth stand-in writes auth.users through it. */
  databaseUrl: string;
  /** Public base URL of this server, e.g. http://127.0.0.1:54321 (token issuer, checkout links). */
  publicUrl: string;
  logger?: boolean;
  /** Overrides SANDBOX_AUTOCONFIRM (tests that need sessions straight from sign-up). */
  autoconfirm?: boolean;
}

/**
 * Local stand-ins for the external services we cannot reach offline, speaking their wire protocols:
 * /auth/v1 (Supabase Auth), /phonepe (PhonePe PG v2), /resend (Resend), /vertex (Vertex AI). Never deployed.
 */
export async function createSandbox(options: SandboxOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  // Browsers call Supabase Auth cross-origin, as they do in production.
  // @fastify/cors allows only GET, HEAD and POST by default; supabase-js also sends PUT /user (updateUser) and DELETE.
  await app.register(cors, { origin: true, credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], exposedHeaders: ['x-supabase-api-version'] });
  app.get('/', async () => ({ service: 'raptorflow-sandbox', stands_in_for: ['/auth/v1', '/phonepe', '/resend', '/vertex', '/google'] }));
  // One outbox: the auth stand-in's mails show in the Resend outbox page, as Supabase's local stack shows them in Mailpit.
  const outbox = new ResendOutbox();
  await app.register((scope) => authRoutes(scope, options, outbox), { prefix: '/auth/v1' });
  await app.register((scope) => phonepeRoutes(scope, options), { prefix: '/phonepe' });
  await app.register((scope) => resendRoutes(scope, options, outbox), { prefix: '/resend' });
  await app.register((scope) => vertexRoutes(scope, options), { prefix: '/vertex' });
  // Google's OAuth endpoints for GoTrue's Google sign-in (/auth/v1/authorize?provider=google).
  await app.register((scope) => googleRoutes(scope, options), { prefix: '/google' });
  return app;
}
