import { randomUUID } from 'node:crypto';
import { type FactorRow, toFactor } from './auth.mfa.store';
import type { IdentityRow, UserRow } from './auth.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The identity row GoTrue keeps in auth.identities; derived here because nothing else reads it.
function emailIdentity(u: UserRow) {
  const identityData = { email: u.email, email_verified: !!u.email_confirmed_at, phone_verified: false, sub: u.id };
  return {
    identity_id: u.id,
    id: u.id,
    user_id: u.id,
    identity_data: identityData,
    provider: 'email',
    last_sign_in_at: iso(u.last_sign_in_at ?? u.created_at),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    email: u.email,
  };
}

// A stored provider identity (auth.identities) as GoTrue's identity JSON: `id` is the provider's subject.
function storedIdentity(i: IdentityRow) {
  return {
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: i.last_sign_in_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    email: i.email ?? undefined,
  };
}

/** True while the user signs in with email and password (app_metadata.providers lists "email", or names no provider). */
export function hasEmailIdentity(u: UserRow): boolean {
  const providers = u.raw_app_meta_data?.['providers'];
  return !Array.isArray(providers) || providers.includes('email');
}

/** GoTrue's user JSON (internal/models/user.go); `factors` only when the user has any (omitempty). */
export function toUser(u: UserRow, factors: FactorRow[] = []) {
  return {
    id: u.id,
    aud: u.aud,
    role: u.role,
    email: u.email,
    email_confirmed_at: iso(u.email_confirmed_at) ?? undefined,
    phone: u.phone ?? '',
    confirmation_sent_at: iso(u.confirmation_sent_at) ?? undefined,
    recovery_sent_at: iso(u.recovery_sent_at) ?? undefined,
    // GoTrue: the pending address of an e-mail change (omitted when none).
    new_email: u.email_change || undefined,
    email_change_sent_at: iso(u.email_change_sent_at) ?? undefined,
    reauthentication_sent_at: iso(u.reauthentication_sent_at) ?? undefined,
    confirmed_at: iso(u.confirmed_at) ?? undefined,
    last_sign_in_at: iso(u.last_sign_in_at) ?? undefined,
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: [...(hasEmailIdentity(u) ? [emailIdentity(u)] : []), ...(u.identity_rows ?? []).map(storedIdentity)],
    ...(factors.length ? { factors: factors.map(toFactor) } : {}),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    is_anonymous: u.is_anonymous,
  };
}

export type User = ReturnType<typeof toUser>;

/**
 * GoTrue's sanitizeUser (internal/api/signup.go): what a sign-up with an already confirmed address answers, so that the
 * answer does not tell whether the address has an account: a fresh id, no identities, the request's metadata.
 */
export function obfuscatedUser(u: UserRow, data: Record<string, unknown>): User {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: u.aud,
    role: u.role,
    email: u.email,
    email_confirmed_at: undefined,
    phone: '',
    confirmation_sent_at: now,
    recovery_sent_at: undefined,
    new_email: undefined,
    email_change_sent_at: undefined,
    reauthentication_sent_at: undefined,
    confirmed_at: undefined,
    last_sign_in_at: undefined,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: data,
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/** What GoTrue copies from the email identity into user_metadata after creating a user. */
export function identityMetadata(u: UserRow): Record<string, unknown> {
  return { ...(u.raw_user_meta_data ?? {}), sub: u.id, email: u.email, email_verified: !!u.email_confirmed_at, phone_verified: false };
}
