import type { PoolClient } from 'pg';
import { badRequest, tooManyRequests, unprocessable } from './auth.errors';
import { type AuthMailer, generateOtp, tokenHash } from './auth.mailer';
import type { AuthStore, UserRow } from './auth.store';
import { normaliseEmail } from './auth.validation';

/** GoTrue's window in UserUpdate: a session younger than this changes the password without a nonce. */
export const PASSWORD_REAUTHENTICATION_WINDOW_SECONDS = 24 * 60 * 60;
/** GoTrue's MAILER_OTP_EXP default, for the nonce and the e-mail change link. */
const OTP_EXPIRY_SECONDS = 86_400;

interface AccountSettings {
  emailMaxFrequencySeconds: number;
  securePasswordChange: boolean;
}

/**
 * PUT /user's e-mail change and secure password change, as GoTrue's UserUpdate, sendEmailChange and
 * verifyReauthentication (internal/api/user.go, mail.go, reauthenticate.go). Single confirmation: the link goes to
 * the new address only (GoTrue with MAILER_SECURE_EMAIL_CHANGE_ENABLED=false, config.toml `double_confirm_changes`).
 */
export class AccountChanges {
  constructor(
    private readonly store: AuthStore,
    private readonly mailer: AuthMailer,
    private readonly settings: AccountSettings,
  ) {}

  /** Mails a confirmation to the new address; the user keeps the old one until its link is opened. */
  async requestEmailChange(c: PoolClient, user: UserRow, value: unknown): Promise<UserRow> {
    const email = normaliseEmail(value);
    if (email === user.email) return user;
    if (await this.store.emailTaken(c, email)) throw unprocessable('email_exists', 'A user with this email address has already been registered');
    const frequency = this.settings.emailMaxFrequencySeconds * 1000;
    const sentAt = user.email_change_sent_at;
    if (sentAt && sentAt.getTime() + frequency > Date.now()) {
      const left = Math.floor((sentAt.getTime() + frequency - Date.now()) / 1000);
      throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
    }
    const otp = generateOtp();
    await this.store.setEmailChange(c, user.id, email, tokenHash(email, otp));
    this.mailer.send('email_change', email, otp);
    return (await this.store.findUser(c, user.id)) as UserRow;
  }

  /**
   * Secure password change: a session older than GoTrue's window must bring the nonce GET /reauthenticate mailed.
   * A younger one needs none (and GoTrue does not look at one it brings).
   */
  async requireReauthentication(c: PoolClient, user: UserRow, sessionId: string, nonce: unknown): Promise<void> {
    if (!this.settings.securePasswordChange) return;
    const session = await this.store.findSession(c, sessionId);
    if (session && Date.now() - session.created_at.getTime() <= PASSWORD_REAUTHENTICATION_WINDOW_SECONDS * 1000) return;
    if (typeof nonce !== 'string' || !nonce) throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
    if (!(await this.store.spendReauthenticationToken(c, user.id, tokenHash(user.email, nonce.trim()), OTP_EXPIRY_SECONDS))) {
      throw unprocessable('reauthentication_not_valid', 'Nonce has expired or is invalid');
    }
  }
}
