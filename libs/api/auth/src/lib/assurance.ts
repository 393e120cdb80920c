import { CanActivate, ExecutionContext, Injectable, UseGuards, applyDecorators } from '@nestjs/common';
import { Database, ServiceUnavailableError, UserClaims } from '@raptorflow/api-platform';
import { sql } from 'kysely';
import { AuthError } from './auth.errors';
import type { AuthenticatedRequest } from './auth.guard';

/** What the 403 AAL2_REQUIRED answer carries: whether a code would help (a factor is enrolled) or one must be set up first. */
export interface Aal2RequiredDetails {
  factorEnrolled: boolean;
}

/**
 * The one aal2 rule (DESIGN 17): money and account actions need a session that passed the second factor (GoTrue's
 * `aal` claim) once the user has a verified factor; operators always, so they must enroll one. Whether a factor exists
 * is read from auth.mfa_factors on every call: a token says only how its session signed in, not whether the user
 * enrolled a factor since (a fresh password sign-in after enrolling is aal1 and must be refused).
 */
@Injectable()
export class AssuranceCheck {
  constructor(private readonly db: Database) {}

  async requireAal2(claims: UserClaims, { always = false }: { always?: boolean } = {}): Promise<void> {
    if (claims.aal === 'aal2' && !always) return;
    const enrolled = await this.hasVerifiedFactor(claims.sub);
    if (claims.aal === 'aal2' && enrolled) return;
    if (enrolled) {
      throw new AuthError('AAL2_REQUIRED', 'Enter the 6-digit code from your authenticator app to continue.', { factorEnrolled: true } satisfies Aal2RequiredDetails);
    }
    if (always) {
      throw new AuthError('AAL2_REQUIRED', 'Operators must use two-factor authentication: set it up under Settings, Two-factor authentication, then try again.', {
        factorEnrolled: false,
      } satisfies Aal2RequiredDetails);
    }
  }

  private async hasVerifiedFactor(userId: string): Promise<boolean> {
    try {
      const { rows } = await this.db.asServiceStatement((db) =>
        sql<{ enrolled: boolean }>`select exists (select 1 from auth.mfa_factors where user_id = ${userId} and status = 'verified') as enrolled`.execute(db),
      );
      return rows[0].enrolled;
    } catch {
      throw new ServiceUnavailableError('Signing in is briefly unavailable. Try again shortly.');
    }
  }
}

/** Runs after the global AuthGuard; see AssuranceCheck. */
@Injectable()
export class Aal2Guard implements CanActivate {
  private readonly check: AssuranceCheck;

  constructor(db: Database) {
    this.check = new AssuranceCheck(db);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const claims = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!claims) throw new AuthError('TOKEN_MISSING', 'Sign in first: the request has no bearer token.');
    await this.check.requireAal2(claims);
    return true;
  }
}

/** A route that moves money or changes the account: 403 AAL2_REQUIRED for an aal1 session of a user with a second factor. */
export const RequiresAal2 = () => applyDecorators(UseGuards(Aal2Guard));
