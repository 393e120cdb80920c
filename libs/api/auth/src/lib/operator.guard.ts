import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Database } from '@raptorflow/api-platform';
import { AuthError } from './auth.errors';
import type { AuthenticatedRequest } from './auth.guard';

/**
 * Every /ops route and the refund route (the one operator check): the signed-in user must have a row in the operators table (runs after the global AuthGuard).
 * The token's `aal` is not checked yet: there is no second factor to enrol (issue #15).
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(private readonly db: Database) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const userId = context.switchToHttp().getRequest<AuthenticatedRequest>().user?.sub;
    const row = userId
      ? await this.db.asServiceStatement((db) => db.selectFrom('operators').select('user_id').where('user_id', '=', userId).executeTakeFirst())
      : undefined;
    if (!row) throw new AuthError('OPERATOR_REQUIRED', 'Only RaptorFlow operators can do this.');
    return true;
  }
}
