import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, ServiceUnavailableError } from './app-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'RATE_LIMITED',
};

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppError) {
    return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse() as string | { message?: unknown; code?: string; details?: unknown };
    const body = typeof response === 'string' ? { message: response } : response;
    const code = body.code ?? CODE_BY_STATUS[statusCode] ?? 'HTTP_ERROR';
    if (Array.isArray(body.message)) {
      return { statusCode, code: 'VALIDATION_FAILED', message: body.message.join('; '), details: body.details };
    }
    return { statusCode, code, message: String(body.message ?? exception.message), details: body.details };
  }
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    const statusCode = fastifyError.statusCode;
    return { statusCode, code: CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST', message: fastifyError.message ?? 'Bad request' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Something went wrong on our side' };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    // The request id ties the error to its request's log line.
    if (body.statusCode >= 500) this.logger.error({ reqId: reply.request.id, err: exception }, 'request failed');
    if (exception instanceof ServiceUnavailableError) reply.header('retry-after', String(exception.retryAfterSeconds));
    if (body.details === undefined) delete body.details;
    reply.status(body.statusCode).send(body);
  }
}
