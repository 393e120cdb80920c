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

describe('rate limiting', () => {
  let app: NestFastifyApplication;
  afterEach(() => app?.close());

  it('answers 429 with the error shape once a client exceeds its limit, counting in Redis', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '3', REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:rl${Date.now()}` });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.1.2.3' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.1.2.3' });
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    // Another client is not affected.
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
  });

  it('keeps serving when Redis is down', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '1', REDIS_URL: 'redis://127.0.0.1:1' });
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).statusCode).toBe(200);
  });
});
