import { Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';
import type { AppConfig } from '../config/env.schema';
import type { UserClaims } from '../db/database';

const COSTLY_ROUTE = 'rf:costlyRoute';

/**
 * Marks a route whose calls cost us (AI, PhonePe, e-mail, sign-up work): besides the per-minute limit it has its own
 * hourly budget per user, RATE_LIMIT_COSTLY_PER_HOUR.
 */
export const CostlyRoute = () => SetMetadata(COSTLY_ROUTE, true);

/** True when the route handler is marked @CostlyRoute(). */
export const isCostlyRoute = (handler: object): boolean => Reflect.getMetadata(COSTLY_ROUTE, handler) === true;

/** The two limits every request meets: per minute on each route, and the hourly budget of a costly route. */
export function rateLimits(config: AppConfig) {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE },
      { name: 'costly', ttl: 3_600_000, limit: config.RATE_LIMIT_COSTLY_PER_HOUR },
    ],
  };
}

/**
 * Counts a signed-in request against its user and an anonymous one against its address (req.ip, which honours only
 * the proxies TRUST_PROXY names, so X-Forwarded-For cannot rotate it). A global guard placed after the AuthGuard
 * (configureHttpApp), so it counts the verified user: placed before, it could only see an unverified token (anyone
 * could spend another user's budget) or the address.
 */
@Injectable()
export class RateLimiter extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = req['user'] as UserClaims | undefined;
    return user?.sub ? `user:${user.sub}` : `ip:${await super.getTracker(req)}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name === 'costly' && !isCostlyRoute(request.context.getHandler())) return true;
    return super.handleRequest(request);
  }
}
