import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { UserClaims } from '@raptorflow/api-platform';
import type { AuthenticatedRequest } from './auth.guard';

/** The verified claims of the signed-in user (the guard has run). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserClaims => context.switchToHttp().getRequest<AuthenticatedRequest>().user as UserClaims,
);
