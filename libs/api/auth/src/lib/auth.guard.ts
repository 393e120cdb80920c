import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, UserClaims } from '@raptorflow/api-platform';
import type { FastifyRequest } from 'fastify';
import { AuthError } from './auth.errors';
import { JwtVerifier } from './jwt.verifier';
import { SessionCheck } from './session.check';

export type AuthenticatedRequest = FastifyRequest & { user?: UserClaims };

/** Global guard: every route needs a valid Supabase access token of a live session unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly sessions: SessionCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new AuthError('TOKEN_MISSING', 'Sign in first: the request has no bearer token.');
    const claims = await this.verifier.verify(match[1]);
    await this.sessions.requireActive(claims);
    request.user = claims;
    return true;
  }
}
