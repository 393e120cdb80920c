import { createHash, randomInt } from 'node:crypto';
import type { ResendOutbox } from '../resend/resend.outbox';

export type MailKind = 'signup' | 'recovery' | 'magiclink' | 'email_change' | 'reauthentication';

/** GoTrue's crypto.GenerateTokenHash: the link carries sha224(email + otp), the mail shows the otp itself. */
export function tokenHash(email: string, otp: string): string {
  return createHash('sha224').update(email + otp).digest('hex');
}

export function generateOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

const TEMPLATES: Record<MailKind, { subject: string; heading: string; lead: string; action: string }> = {
  // GoTrue's default subject and wording (internal/mailer/templatemailer); the link is our project's custom template.
  signup: {
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    lead: 'Follow the link below to confirm this email address and finish signing up.',
    action: 'Confirm email address',
  },
  recovery: {
    subject: 'Reset your password',
    heading: 'Reset your password',
    lead: "We received a request to reset your password. Follow the link below to choose a new one. If you didn't request this, you can safely ignore this email.",
    action: 'Reset password',
  },
  magiclink: {
    subject: 'Your sign-in link',
    heading: 'Your sign-in link',
    lead: "Follow the link below to sign in, or type the code on the sign-in page. If you didn't ask to sign in, you can safely ignore this email.",
    action: 'Sign in',
  },
  email_change: {
    subject: 'Confirm your new email address',
    heading: 'Confirm your new email address',
    lead: 'Follow the link below to confirm this address as the new email of your account.',
    action: 'Confirm new email address',
  },
  // GoTrue's reauthentication mail carries the code only ("{{ .Token }} is your verification code").
  reauthentication: {
    subject: 'is your verification code',
    heading: 'Confirm it is you',
    lead: 'Enter this code to confirm the change to your account. If you did not ask for it, change your password.',
    action: '',
  },
};

/**
 * GoTrue's mailer for the stand-in: mails land in the sandbox's Resend outbox (/resend/outbox), as Supabase's local
 * stack delivers them to its Mailpit inbox. Links follow the project's template `{{ .SiteURL }}/verify?token_hash=...&type=...`.
 */
export class AuthMailer {
  constructor(
    private readonly outbox: ResendOutbox,
    private readonly siteUrl: string,
  ) {}

  /** `email` is the recipient; an email_change mail goes to the new address, whose hash its link carries (as GoTrue). */
  send(kind: MailKind, email: string, otp: string): void {
    const t = TEMPLATES[kind];
    if (kind === 'reauthentication') {
      const html = `<h2>${t.heading}</h2>\n<p>${t.lead}</p>\n<p>Your code: ${otp}</p>\n`;
      const text = `${t.heading}\n\n${t.lead}\n\nYour code: ${otp}\n`;
      return this.store(kind, email, `${otp} ${t.subject}`, html, text);
    }
    const link = `${this.siteUrl}/verify?token_hash=${tokenHash(email, otp)}&type=${kind}`;
    const html = `<h2>${t.heading}</h2>\n<p>${t.lead}</p>\n<p><a href="${link}">${t.action}</a></p>\n<p>Or enter the code: ${otp}</p>\n`;
    const text = `${t.heading}\n\n${t.lead}\n\n${link}\n\nOr enter the code: ${otp}\n`;
    this.store(kind, email, t.subject, html, text);
  }

  private store(kind: MailKind, email: string, subject: string, html: string, text: string): void {
    this.outbox.store({ from: 'RaptorFlow <noreply@mail.app.supabase.io>', to: [email], subject, html, text, tags: [{ name: 'auth', value: kind }] }, undefined);
  }
}
