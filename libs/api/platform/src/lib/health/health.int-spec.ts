import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '../../testing';
import { HttpPlatformModule } from '../http/http-platform.module';

describe('health endpoints', () => {
  let app: NestFastifyApplication;

  afterEach(() => app?.close());

  it('reports ready when Postgres and Redis answer', async () => {
    app = await createTestApp({ imports: [HttpPlatformModule] });
    const res = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('stays ready but says degraded, naming Redis, when only Redis is down (the API serves from Postgres)', async () => {
    app = await createTestApp({ imports: [HttpPlatformModule] }, { REDIS_URL: 'redis://127.0.0.1:1' });
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
  });

  it('answers 503 naming Postgres when it is down, while liveness still answers', async () => {
    app = await createTestApp({ imports: [HttpPlatformModule] }, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'down', checks: { postgres: { status: 'down' }, redis: { status: 'up' } } });
    const live = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(live.statusCode).toBe(200);
  });

  it('answers unknown routes with the one error shape', async () => {
    app = await createTestApp({ imports: [HttpPlatformModule] });
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.stringContaining('/api/v1/no-such-thing') });
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    app = await createTestApp({ imports: [HttpPlatformModule] });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('rf_process_cpu_user_seconds_total');
    const docs = await app.inject({ method: 'GET', url: '/api/docs-json' });
    expect(docs.json().paths).toHaveProperty('/api/v1/health/ready');
  });
});
