// Test helpers for integration specs of any api lib: a real app on the run's database and Redis prefix.
import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from './lib/config/env.schema';
import { configureHttpApp, HTTP_APP_OPTIONS, httpAdapter } from './lib/http/create-http-app';

/** Config from the test environment with overrides (e.g. a Redis URL nobody listens on). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

export async function createTestApp(metadata: ModuleMetadata, overrides: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule(metadata).overrideProvider(AppConfig).useValue(testConfig(overrides)).compile();
  const app = configureHttpApp(moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(), HTTP_APP_OPTIONS));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A TCP pass-through (e.g. to Redis) that tests can cut and restore to simulate an outage. */
export class TcpProxy {
  private server?: import('node:net').Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const { createServer } = await import('node:net');
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => probe.once('listening', r));
    const port = (probe.address() as import('node:net').AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const proxy = new TcpProxy(target, port);
    await proxy.resume();
    return proxy;
  }

  async resume(): Promise<void> {
    const { createServer, connect } = await import('node:net');
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  /** Drops every connection and refuses new ones until resume(). */
  async cut(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise((r) => (this.server ? this.server.close(r) : r(undefined)));
    this.server = undefined;
  }
}
