/**
 * A failure a client can act on. Services throw subclasses with a stable `code`;
 * the global filter turns them into `{ statusCode, code, message, details? }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * A feature's error class from its table of codes and their HTTP statuses, so each code is written once:
 * `export class BcmError extends appErrorClass(BCM_ERRORS) {}` and `type BcmErrorCode = keyof typeof BCM_ERRORS`.
 */
export function appErrorClass<Code extends string>(statuses: Readonly<Record<Code, number>>) {
  return class extends AppError {
    constructor(code: Code, message: string, details?: unknown) {
      super(code, message, statuses[code], details);
    }
  };
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`, 404);
  }
}

/** 403 for what only the workspace owner may do; `action` completes "Only the workspace owner can ...". */
export class OwnerRequiredError extends AppError {
  constructor(action: string) {
    super('OWNER_REQUIRED', `Only the workspace owner can ${action}.`, 403);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, readonly retryAfterSeconds = 5) {
    super('SERVICE_UNAVAILABLE', message, 503);
  }
}
