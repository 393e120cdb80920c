// Invitations that arrive (issue #15): the mail is owed in the invitation's own transaction, the link shows only
// whose workspace it is, resend and revoke kill old links, and a user switches only between their own workspaces.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { Client } from 'pg';
import { setSubscription, TestIdentityProvider, TestUser } from '../testing';
import { AuthModule } from './auth.module';

const WEB_URL = 'https://app.example.test';

describe('invitation mails, links and workspace switching', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000', WEB_URL });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, payload });

  interface Mail {
    to: string;
    subject: string;
    html: string;
    text: string;
  }
  const mailsFor = async (invitationId: string): Promise<Mail[]> =>
    (await pg.query(`select data from outbox where job_id like $1 order by id`, [`email-invitation_${invitationId}_%`])).rows.map((r) => r.data.message);
  const linkIn = (mail: Mail) => {
    const match = mail.text.match(new RegExp(`${WEB_URL}/invite/([\\w-]{43})`));
    if (!match) throw new Error(`no invitation link in: ${mail.text}`);
    return match[1];
  };

  async function teamOwner(): Promise<{ owner: TestUser; workspaceId: string }> {
    const owner = await idp.createUser(undefined, 'Asha Rao');
    const { workspace } = (await call('POST', '/auth/ensure-profile', owner.token)).json();
    await pg.query(`update workspaces set name = 'Acme Growth' where id = $1`, [workspace.id]);
    await setSubscription(pg, workspace.id, 'active', 30, 'growth');
    return { owner, workspaceId: workspace.id };
  }

  const newEmail = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;

  it('owes exactly one mail with the accept link, naming the workspace and the inviter', async () => {
    const { owner } = await teamOwner();
    const email = newEmail('mate');
    const invite = await call('POST', '/workspace/invitations', owner.token, { email, role: 'member' });
    expect(invite.statusCode).toBe(201);
    const { id, token } = invite.json();
    expect((await call('POST', '/workspace/invitations', owner.token, { email, role: 'admin' })).json().code).toBe('ALREADY_INVITED');

    const mails = await mailsFor(id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: email, subject: 'Asha Rao invited you to Acme Growth on RaptorFlow' });
    expect(linkIn(mails[0])).toBe(token);
    expect(mails[0].html).toContain(`href="${WEB_URL}/invite/${token}"`);
    expect(mails[0].text).toMatch(/expires on \d{1,2} \w{3} \d{4}/);
  });

  it('never leaves an invitation without its mail: made as a user without one, it does not commit', async () => {
    const { owner, workspaceId } = await teamOwner();
    const email = newEmail('sneaky');
    const claims = JSON.stringify({ sub: owner.id, role: 'authenticated' });
    await pg.query('begin');
    await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
    await pg.query(`insert into workspace_invitations (workspace_id, email, role, invited_by) values ($1, $2, 'member', $3)`, [workspaceId, email, owner.id]);
    await expect(pg.query('commit')).rejects.toMatchObject({ constraint: 'workspace_invitations_mail_owed' });
    expect((await pg.query('select 1 from workspace_invitations where email = $1', [email])).rowCount).toBe(0);
  });

  it('shows a valid link’s workspace, inviter and address without signing in, and nothing for a bad one', async () => {
    const { owner, workspaceId } = await teamOwner();
    const email = newEmail('preview');
    const { token } = (await call('POST', '/workspace/invitations', owner.token, { email, role: 'admin' })).json();

    const preview = await call('GET', `/invitations/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ workspaceName: 'Acme Growth', inviterName: 'Asha Rao', email, role: 'admin', expiresAt: expect.any(String) });
    expect((await call('GET', `/invitations/${'x'.repeat(43)}`)).json()).toMatchObject({ statusCode: 404, code: 'INVITATION_NOT_FOUND' });
    expect((await call('GET', '/invitations/short')).statusCode).toBe(400);

    await pg.query(`update workspace_invitations set expires_at = now() - interval '1 second' where workspace_id = $1`, [workspaceId]);
    expect((await call('GET', `/invitations/${token}`)).json()).toMatchObject({ statusCode: 410, code: 'INVITATION_EXPIRED' });
  });

  it('a link used by another address, after expiry, or twice changes nothing more than the one acceptance', async () => {
    const { owner, workspaceId } = await teamOwner();
    const email = newEmail('invitee');
    const { id } = (await call('POST', '/workspace/invitations', owner.token, { email, role: 'member' })).json();
    const token = linkIn((await mailsFor(id))[0]);
    const invitee = await idp.createUser(email, 'Ravi Kumar');
    const stranger = await idp.createUser();
    const accept = (user: TestUser) => call('POST', `/invitations/${token}/accept`, user.token);
    const members = async () => (await pg.query('select user_id from workspace_members where workspace_id = $1 order by created_at', [workspaceId])).rows.map((r) => r.user_id);

    expect((await accept(stranger)).json().code).toBe('INVITATION_EMAIL_MISMATCH');
    await pg.query(`update workspace_invitations set expires_at = now() - interval '1 second' where id = $1`, [id]);
    expect((await accept(invitee)).json().code).toBe('INVITATION_EXPIRED');
    expect(await members()).toEqual([owner.id]);
    await pg.query(`update workspace_invitations set expires_at = now() + interval '7 days' where id = $1`, [id]);

    expect((await accept(invitee)).statusCode).toBe(200);
    expect((await accept(invitee)).json().code).toBe('INVITATION_NOT_FOUND');
    expect(await members()).toEqual([owner.id, invitee.id]);
    expect((await call('GET', `/invitations/${token}`)).statusCode).toBe(404);
  });

  it('resend mails a new link at most once a minute and kills the old one; revoke kills the link', async () => {
    const { owner } = await teamOwner();
    const email = newEmail('resend');
    const { id, token: first } = (await call('POST', '/workspace/invitations', owner.token, { email, role: 'member' })).json();

    const tooSoon = await call('POST', `/workspace/invitations/${id}/resend`, owner.token);
    expect(tooSoon.json()).toMatchObject({ statusCode: 429, code: 'INVITATION_RESEND_TOO_SOON' });
    expect(await mailsFor(id)).toHaveLength(1);
    expect((await call('GET', `/invitations/${first}`)).statusCode).toBe(200);

    await pg.query(`update workspace_invitations set last_sent_at = now() - interval '2 minutes' where id = $1`, [id]);
    const resent = await call('POST', `/workspace/invitations/${id}/resend`, owner.token);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ id, email, lastSentAt: expect.any(String) });
    expect(resent.json()).not.toHaveProperty('token');
    const mails = await mailsFor(id);
    expect(mails).toHaveLength(2);
    const second = linkIn(mails[1]);
    expect(second).not.toBe(first);
    expect((await call('GET', `/invitations/${first}`)).statusCode).toBe(404);
    expect((await call('GET', `/invitations/${second}`)).statusCode).toBe(200);

    // A member can neither resend nor revoke; the owner's revoke makes the link dead for the invitee too.
    const invitee = await idp.createUser(email);
    expect((await call('POST', `/workspace/invitations/${id}/resend`, invitee.token)).statusCode).toBe(404);
    expect((await call('DELETE', `/workspace/invitations/${id}`, owner.token)).statusCode).toBe(204);
    expect((await call('GET', `/invitations/${second}`)).statusCode).toBe(404);
    expect((await call('POST', `/invitations/${second}/accept`, invitee.token)).json().code).toBe('INVITATION_NOT_FOUND');
    expect((await call('POST', `/workspace/invitations/${id}/resend`, owner.token)).statusCode).toBe(404);
  });

  it('switches between the user’s own and the team’s workspace, and refuses one they are not a member of', async () => {
    const { owner, workspaceId: teamId } = await teamOwner();
    const email = newEmail('switcher');
    const { token } = (await call('POST', '/workspace/invitations', owner.token, { email, role: 'member' })).json();
    const mate = await idp.createUser(email);
    const ownId = (await call('POST', '/auth/ensure-profile', mate.token)).json().workspace.id;
    expect((await call('GET', '/workspaces', mate.token)).json()).toEqual([{ id: ownId, name: expect.any(String), role: 'owner', current: true }]);
    await call('POST', `/invitations/${token}/accept`, mate.token);

    const current = async () => (await call('GET', '/auth/verify-profile', mate.token)).json().workspace.id;
    expect(await current()).toBe(teamId);
    expect((await call('GET', '/workspaces', mate.token)).json()).toEqual([
      { id: ownId, name: expect.any(String), role: 'owner', current: false },
      { id: teamId, name: 'Acme Growth', role: 'member', current: true },
    ]);

    const toOwn = await call('POST', '/workspaces/current', mate.token, { workspaceId: ownId });
    expect(toOwn.statusCode).toBe(200);
    expect(toOwn.json()).toMatchObject({ workspace: { id: ownId, role: 'owner' }, next: 'payment' });
    expect(await current()).toBe(ownId);
    expect((await call('POST', '/workspaces/current', mate.token, { workspaceId: teamId })).json()).toMatchObject({ workspace: { id: teamId, role: 'member' }, next: 'onboarding' });
    expect(await current()).toBe(teamId);

    const stranger = await idp.createUser();
    const refused = await call('POST', '/workspaces/current', stranger.token, { workspaceId: teamId });
    expect(refused.json()).toMatchObject({ statusCode: 404, code: 'NOT_A_MEMBER' });
    expect((await pg.query('select current_workspace_id from users where id = $1', [stranger.id])).rows[0]?.current_workspace_id ?? null).not.toBe(teamId);
    const bad = await call('POST', '/workspaces/current', mate.token, { workspaceId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('workspaceId');
  });
});
