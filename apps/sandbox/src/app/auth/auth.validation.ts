import { badRequest, unprocessable } from './auth.errors';

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw badRequest('validation_failed', 'To signup, please provide your email');
  const email = value.trim().toLowerCase();
  if (email.length > 255 || !EMAIL.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email;
}

export function checkPassword(value: unknown): string {
  if (typeof value !== 'string' || !value) throw badRequest('validation_failed', 'Signup requires a valid password');
  // bcrypt reads only the first 72 bytes.
  if (Buffer.byteLength(value) > 72) throw badRequest('validation_failed', 'Password cannot be longer than 72 characters');
  if (value.length < MIN_PASSWORD_LENGTH) {
    throw unprocessable('weak_password', `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, { weak_password: { reasons: ['length'] } });
  }
  return value;
}

export function metadata(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('validation_failed', 'data must be a JSON object');
  return value as Record<string, unknown>;
}
