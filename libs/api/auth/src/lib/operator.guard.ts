import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Database } from '@raptorflow/api-platform';
import { AssuranceCheck } from './assurance';
import { AuthError } from './auth.errors';
import type { AuthenticatedRequest } from './auth.guard';

/**
 * Every /ops route and the refund route (the one operator check): the signed-in user must have a row in the operators
 * table (runs after the global AuthGuard), and an aal2 session always (403 AAL2_REQUIRED; without a factor the message
 * says to enroll one).
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  private readonly assurance: AssuranceCheck;

  constructor(private readonly db: Database) {
    this.assurance = new AssuranceCheck(db);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const claims = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    const userId = claims?.sub;
    const row = userId
      ? await this.db.asServiceStatement((db) => db.selectFrom('operators').select('user_id').where('user_id', '=', userId).executeTakeFirst())
      : undefined;
    if (!row || !claims) throw new AuthError('OPERATOR_REQUIRED', 'Only RaptorFlow operators can do this.');
    await this.assurance.requireAal2(claims, { always: true });
    return true;
  }
}
