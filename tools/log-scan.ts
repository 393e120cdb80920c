// The last check of `npm test`: every log written during the run (each step's output and each e2e stack process's
// log) must hold no credential: no configured secret, no access token, no unredacted password or bearer header.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, SECRET_SETTINGS } from '../libs/api/platform/src/lib/config/env.schema';

export interface Secret {
  name: string;
  value: string;
}

export interface LogLeak {
  file: string;
  line: number;
  what: string;
}

// Shapes of credentials whatever their value: a signed JWT, a bearer header, a password field that was not redacted.
const PATTERNS: { what: string; pattern: RegExp }[] = [
  { what: 'a JWT (access token)', pattern: /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/ },
  { what: 'a bearer token', pattern: /bearer\s+(?!\[redacted\])[\w.~+/-]{16,}/i },
  { what: 'a password', pattern: /"(?:password|client_secret|refresh_token|access_token)"\s*:\s*"(?!\[redacted\])[^"]+"/i },
];

/** The configured secrets of a process environment (values shorter than 8 characters would match by chance). */
export function configuredSecrets(config: AppConfig): Secret[] {
  return SECRET_SETTINGS.flatMap((name) => {
    const value = (config as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' && value.length >= 8 ? [{ name, value }] : [];
  });
}

/** Every line of every file under `dir` that carries a secret or a credential's shape; only names, never values. */
export function scanLogs(dir: string, secrets: Secret[]): { files: number; leaks: LogLeak[] } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8', withFileTypes: false }).filter((f) => f.endsWith('.log'));
  const leaks: LogLeak[] = [];
  for (const file of files) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const { name, value } of secrets) if (text.includes(value)) leaks.push({ file, line: index + 1, what: `the value of ${name}` });
        for (const { what, pattern } of PATTERNS) if (pattern.test(text)) leaks.push({ file, line: index + 1, what });
      });
  }
  return { files: files.length, leaks };
}
