import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const CSP_META = /\s*<!--[\s\S]*?-->\s*<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/>/;

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

describe('Content-Security-Policy of the production build', () => {
  const production = read('apps/web/src/index.production.html');

  it('is what the production configuration builds index.html from', () => {
    const project = JSON.parse(read('apps/web/project.json'));
    expect(project.targets.build.configurations.production.index).toEqual({ input: 'apps/web/src/index.production.html', output: 'index.html' });
    // Critical-CSS inlining loads the stylesheet with an inline onload handler, which the policy refuses.
    expect(project.targets.build.configurations.production.optimization.styles.inlineCritical).toBe(false);
  });

  it('differs from the development index.html by the policy only', () => {
    expect(production.replace(CSP_META, '')).toBe(read('apps/web/src/index.html'));
  });

  it('runs only our own scripts and no inline ones, loads no plugins and keeps <base> and forms on this origin', () => {
    const policy = directives(CSP_META.exec(production)?.[1] ?? '');
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'", "'unsafe-eval'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
    expect(policy['form-action']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'https:']);
  });

  it('is documented for the static host with frame-ancestors and the exact Supabase project', () => {
    const header = /^Content-Security-Policy: (.+)$/m.exec(read('docs/operations.md'))?.[1] ?? '';
    const meta = directives(CSP_META.exec(production)?.[1] ?? '');
    const documented = directives(header);
    expect(documented['frame-ancestors']).toEqual(["'none'"]);
    expect(documented['connect-src']).toEqual(["'self'", 'https://<ref>.supabase.co']);
    for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'object-src', 'base-uri', 'form-action']) expect(documented[name]).toEqual(meta[name]);
  });
});
