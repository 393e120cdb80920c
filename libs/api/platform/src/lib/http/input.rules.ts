// What every request's input must be before it reaches validation, services or SQL, checked once at the edge: bounded
// nesting (the validator recurses), strings Postgres and the validators can take, and PATCH bodies that change something.
import { BadRequestException, CanActivate, ExecutionContext, Injectable, RawBodyRequest } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import { ValidateIf } from 'class-validator';
import type { FastifyRequest } from 'fastify';

export const MAX_INPUT_DEPTH = 32;

// C0 controls other than tab, line feed and carriage return, and DEL; NUL in particular never reaches Postgres.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Half of a UTF-16 pair without the other half: not Unicode, so neither UTF-8 nor jsonb can store it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** The 400 for bad fields: `{ code: 'VALIDATION_FAILED', message, details: [{ field, problems }] }`. */
export function validationFailed(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
    details,
  });
}

export function stringProblem(text: string): string | undefined {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return `must not contain the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains half of a surrogate pair)';
  return undefined;
}

/** The first problem found in a parsed body, query or path params: a string breaking the rules or nesting too deep. */
// Fields are named as the validation pipe names them (`answers.companyName`); the root itself is `body`.
export function inputProblem(value: unknown, field = '', depth = 0): FieldProblem | undefined {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? { field: field || 'body', problems: [problem] } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_INPUT_DEPTH) return { field: field || 'body', problems: [`must not nest deeper than ${MAX_INPUT_DEPTH} levels`] };
  for (const [key, child] of Object.entries(value)) {
    const childField = field ? `${field}.${key}` : key;
    const keyProblem = stringProblem(key);
    if (keyProblem) return { field: childField, problems: [`name ${keyProblem}`] };
    const problem = inputProblem(child, childField, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

const isEmptyPatch = (body: unknown) => body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0;

/**
 * Refuses a request whose input breaks these rules with a 400 naming the field. A global guard placed after the
 * AuthGuard (configureHttpApp), so a caller without a token still gets a 401, and before the pipes that would recurse
 * into the input.
 */
@Injectable()
export class InputRulesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest<FastifyRequest>>();
    const problem =
      // The JSON parser would quietly turn bytes that are not UTF-8 into U+FFFD.
      (request.rawBody && !isUtf8(request.rawBody) ? { field: 'body', problems: ['must be UTF-8'] } : undefined) ??
      inputProblem(request.params) ??
      inputProblem(request.query) ??
      inputProblem(request.body) ??
      (request.method === 'PATCH' && isEmptyPatch(request.body) ? { field: 'body', problems: ['must be an object with at least one field to change'] } : undefined);
    if (problem) throw validationFailed([problem]);
    return true;
  }
}

/** Optional but not nullable: `null` fails validation (400 naming the field) instead of reaching a NOT NULL column or a default. */
export const IsPresentOrAbsent = () => ValidateIf((_: object, value: unknown) => value !== undefined);
