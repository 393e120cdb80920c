import { AppError } from '@raptorflow/api-platform';

export type AuthErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'ACCOUNT_NOT_FOUND'
  | 'NOT_A_MEMBER'
  | 'ROLE_REQUIRED'
  | 'OWNER_IMMUTABLE'
  | 'ALREADY_MEMBER'
  | 'ALREADY_INVITED'
  | 'SEAT_LIMIT_REACHED';

const STATUS: Record<AuthErrorCode, number> = {
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
};

export class AuthError extends AppError {
  constructor(code: AuthErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
