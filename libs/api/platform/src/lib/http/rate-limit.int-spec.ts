import { CanActivate, Controller, ExecutionContext, Get, Injectable, Module, Post } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '../../testing';
import { HttpPlatformModule } from './http-platform.module';
import { Public } from './public.decorator';
import { CostlyRoute } from './rate-limit';

// Stands in for AuthGuard: a request naming a user in x-test-user is signed in as that user.
@Injectable()
class TestAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; user?: { sub: string } }>();
    if (request.headers['x-test-user']) request.user = { sub: request.headers['x-test-user'] };
    return true;
  }
}

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }

  @Post('costly')
  @CostlyRoute()
  costly() {
    return { done: true };
  }
}

@Module({ imports: [HttpPlatformModule], controllers: [PingController], providers: [{ provide: APP_GUARD, useClass: TestAuthGuard }] })
class PingModule {}

const freshPrefix = (name: string) => ({ REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:${name}${Date.now()}` });

describe('rate limiting', () => {
  let app: NestFastifyApplication;
  afterEach(() => app?.close());

  const statuses = async (count: number, request: (i: number) => Parameters<NestFastifyApplication['inject']>[0]) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) codes.push((await app.inject(request(i) as never)).statusCode);
    return codes;
  };

  it('answers 429 with the error shape once a client exceeds its limit, counting in Redis', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '3', ...freshPrefix('rl') });
    expect(await statuses(5, () => ({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.1.2.3' }))).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.1.2.3' });
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    // Another client is not affected.
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says so: a forged header does not rotate the key', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '2', ...freshPrefix('xff') });
    const forged = (i: number) => ({ method: 'GET' as const, url: '/api/v1/ping', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    expect(await statuses(4, forged)).toEqual([200, 200, 429, 429]);
  });

  it('behind trusted proxies takes the address the last trusted proxy saw, whatever the client prepends', async () => {
    for (const trust of ['1', '10.0.0.0/8']) {
      app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: trust, ...freshPrefix(`proxy${trust.length}`) });
      const viaProxy = (client: string) => (i: number) => ({
        method: 'GET' as const,
        url: '/api/v1/ping',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i}, ${client}` },
      });
      expect(await statuses(3, viaProxy('203.0.113.50'))).toEqual([200, 200, 429]);
      expect(await statuses(1, viaProxy('203.0.113.51'))).toEqual([200]);
      await app.close();
    }
  });

  it('counts a signed-in user wherever they come from, and apart from other users on the same address', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '2', ...freshPrefix('user') });
    const asUser = (sub: string) => (i: number) => ({ method: 'GET' as const, url: '/api/v1/ping', remoteAddress: `10.2.0.${i + 1}`, headers: { 'x-test-user': sub } });
    expect(await statuses(3, asUser('user-a'))).toEqual([200, 200, 429]);
    expect(await statuses(2, asUser('user-b'))).toEqual([200, 200]);
    // The address user A used is not spent for an anonymous client on it.
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.2.0.1' })).statusCode).toBe(200);
  });

  it('gives a costly route its own hourly budget per user on top of the per-minute limit', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_COSTLY_PER_HOUR: '2', ...freshPrefix('costly') });
    const costly = (sub: string) => () => ({ method: 'POST' as const, url: '/api/v1/ping/costly', headers: { 'x-test-user': sub } });
    expect(await statuses(3, costly('user-a'))).toEqual([201, 201, 429]);
    const limited = await app.inject({ method: 'POST', url: '/api/v1/ping/costly', headers: { 'x-test-user': 'user-a' } });
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after-costly'])).toBeGreaterThan(60);
    expect(await statuses(2, costly('user-b'))).toEqual([201, 201]);
    // Ordinary routes are not charged to the budget.
    expect(await statuses(3, () => ({ method: 'GET', url: '/api/v1/ping', headers: { 'x-test-user': 'user-a' } }))).toEqual([200, 200, 200]);
  });

  it('keeps limiting in memory while Redis is down, instead of letting everything through', async () => {
    app = await createTestApp({ imports: [PingModule] }, { RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await statuses(4, () => ({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.3.0.1' }))).toEqual([200, 200, 429, 429]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping', remoteAddress: '10.3.0.2' })).statusCode).toBe(200);
  });
});
