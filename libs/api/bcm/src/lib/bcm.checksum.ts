import { createHash } from 'node:crypto';
import type { BusinessContextManifest } from '@raptorflow/contracts';

/** JSON with object keys sorted recursively, so equal values always serialize to the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .filter((key) => source[key] !== undefined)
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/** SHA-256 hex of the canonical JSON of a manifest without `generatedAt` and `checksum`. */
export function bcmChecksum(manifest: Omit<BusinessContextManifest, 'checksum' | 'generatedAt'> & Partial<Pick<BusinessContextManifest, 'checksum' | 'generatedAt'>>): string {
  const content: Record<string, unknown> = { ...manifest };
  delete content['checksum'];
  delete content['generatedAt'];
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
