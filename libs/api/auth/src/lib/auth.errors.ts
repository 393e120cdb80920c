import { appErrorClass } from '@raptorflow/api-platform';

const AUTH_ERRORS = {
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  ACCOUNT_NOT_FOUND: 401,
  NOT_A_MEMBER: 404,
  ROLE_REQUIRED: 403,
  OWNER_IMMUTABLE: 409,
  ALREADY_MEMBER: 409,
  ALREADY_INVITED: 409,
  SEAT_LIMIT_REACHED: 403,
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends appErrorClass(AUTH_ERRORS) {}
