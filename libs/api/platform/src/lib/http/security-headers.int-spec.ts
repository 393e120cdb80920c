import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '../../testing';
import { HttpPlatformModule } from './http-platform.module';
import { Public } from './public.decorator';

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ imports: [HttpPlatformModule], controllers: [PingController] })
class PingModule {}

describe('security headers and API docs', () => {
  let app: NestFastifyApplication;
  afterEach(() => app?.close());

  it('sends helmet headers and a CSP that lets a JSON answer run or load nothing, and serves no docs when API_DOCS=false', async () => {
    app = await createTestApp({ imports: [PingModule] }, { API_DOCS: 'false' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/ping' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Error answers carry them too.
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing-here' })).headers['x-content-type-options']).toBe('nosniff');
    for (const url of ['/api/docs', '/api/docs-json']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('serves Swagger UI where API docs are on, with a CSP that lets it run', async () => {
    app = await createTestApp({ imports: [PingModule] }, { API_DOCS: 'true' });
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(docs.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect((await app.inject({ method: 'GET', url: '/api/docs-json' })).json()).toMatchObject({ info: { title: 'RaptorFlow API' } });
  });
});
