// Dashboard Largest Contentful Paint in Chromium on the production build of the web app (part of `npm run bench`).
// Serves dist/apps/web/browser as a static host would, forwards /api to the API, logs a user in once and then
// opens /app/dashboard in a new tab per sample (session from storage, code from the browser's cache, as a returning
// user would), reading LCP from the browser's own PerformanceObserver once the manifest is on screen.
import fastifyStatic from '@fastify/static';
import { chromium } from '@playwright/test';
import Fastify from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface LcpOptions {
  root: string;
  apiUrl: string;
  email: string;
  password: string;
  samples: number;
}

async function serveWeb(root: string, apiUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/api/*', async (req, reply) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    const res = await fetch(`${apiUrl}${req.url}`, { method: req.method, headers, body: req.body ? new Uint8Array(req.body as Buffer) : undefined });
    reply.status(res.status);
    res.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) reply.header(name, value);
    });
    return reply.send(Buffer.from(await res.arrayBuffer()));
  });
  await app.register(fastifyStatic, { root, wildcard: false, maxAge: '1h' });
  // Client-side routes get the app shell, as the production host's SPA fallback does.
  app.setNotFoundHandler((_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** LCP of the dashboard in ms, one value per sample. */
export async function measureDashboardLcp(options: LcpOptions): Promise<number[]> {
  const root = join(options.root, 'dist', 'apps', 'web', 'browser');
  if (!existsSync(join(root, 'index.html'))) throw new Error('no production build of the web app in dist/apps/web/browser');
  const web = await serveWeb(root, options.apiUrl);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ baseURL: web.url });
    const login = await context.newPage();
    await login.goto('/login');
    await login.getByLabel('Email', { exact: true }).fill(options.email);
    await login.getByLabel('Password', { exact: true }).fill(options.password);
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await login.waitForURL(/\/app\/dashboard$/, { timeout: 30_000 });
    await login.getByTestId('positioning').waitFor({ timeout: 30_000 });
    await login.close();

    const samples: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const page = await context.newPage();
      await page.goto('/app/dashboard');
      await page.getByTestId('positioning').waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      samples.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const entries = list.getEntries();
                resolve(entries[entries.length - 1].startTime);
                // A browser entry type the Node typings used here do not list.
              }).observe({ type: 'largest-contentful-paint', buffered: true } as unknown as { type: 'mark' });
            }),
        ),
      );
      await page.close();
    }
    return samples;
  } finally {
    await browser.close();
    await web.close();
  }
}
