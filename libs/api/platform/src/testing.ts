// Test helpers for integration specs of any api lib: a real app on the run's database and Redis prefix.
import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { AppConfig, loadConfig } from './lib/config/env.schema';
import { configureHttpApp, HTTP_APP_OPTIONS, httpAdapter } from './lib/http/create-http-app';

export { eventually } from './lib/testing/eventually';
export { TcpProxy } from './lib/testing/tcp-proxy';

/** Config from the test environment with overrides (e.g. a Redis URL nobody listens on). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

/** A testing module on the test's config (with overrides); add provider overrides, then compile. */
export function testModule(metadata: ModuleMetadata, overrides: Record<string, string> = {}): TestingModuleBuilder {
  return Test.createTestingModule(metadata).overrideProvider(AppConfig).useValue(testConfig(overrides));
}

export async function createTestApp(metadata: ModuleMetadata, overrides: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const moduleRef = await testModule(metadata, overrides).compile();
  const app = configureHttpApp(moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(moduleRef.get(AppConfig)), HTTP_APP_OPTIONS));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Calls the API listening at `apiUrl` under /api/v1, as the user when one is given; 204 answers have a null body. */
export function apiCaller(apiUrl: string) {
  return async (method: string, path: string, user?: { token: string }, body?: unknown) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
}
