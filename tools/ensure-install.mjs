// Runs before anything else in `npm start` / `npm test`: installs dependencies when they are missing
// or older than package-lock.json. Plain JS because TypeScript tooling is what it installs.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('[setup] installing dependencies (npm install)…');
  // npm ci rejects our lock file on this registry mirror (missing optional platform packages).
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}
