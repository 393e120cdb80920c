import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #15 items 6 and 7: an owner on a team plan invites a teammate; the mail arrives in the stand-in's inbox; the
// teammate signs up from the link (confirmation on, as on Supabase), accepts, lands in the team's workspace, and
// switches to their own workspace and back.
const sandbox = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}`;
const password = 'correct-horse-42';

async function setAutoconfirm(enabled: boolean): Promise<void> {
  const response = await fetch(`${sandbox}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled }) });
  expect(response.ok).toBe(true);
}

/** The href of `linkName` in the newest mail to `to` whose row mentions `subject`; waits for the worker to send it. */
async function linkFromInbox(page: Page, to: string, subject: string, linkName: string): Promise<string> {
  const row = page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject });
  await expect(async () => {
    await page.goto(`${sandbox}/resend/outbox`);
    await expect(row.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await row.first().getByRole('link', { name: 'HTML' }).click();
  return (await page.getByRole('link', { name: linkName }).getAttribute('href')) as string;
}

/** As look.spec.ts asks of every page: no wider than the screen, and no serious or critical axe finding. */
async function fitsAndPassesAxe(page: Page, name: string): Promise<void> {
  const size = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(size.document, `${name}: the page is wider than the screen`).toBe(size.viewport);
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `${name}: axe`).toEqual([]);
}

test.describe.serial('team invitations', () => {
  test.afterAll(() => setAutoconfirm(true));

  test('a teammate signs up from the mailed invitation, joins the team and switches between workspaces', async ({ page, browser }) => {
    const owner = await signUp(page, 'team-owner');
    await seedOnboardedWorkspace(owner);
    await page.goto('/app/settings');
    await expect(page).toHaveURL(/\/app\/settings$/);
    const teamName = "Asha Founder's workspace";
    await expect(page.getByTestId('workspace-name')).toHaveText(teamName);

    const mate = `teammate-${Date.now()}@example.com`;
    await page.getByLabel('Invite by email').fill(mate);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(page.getByText(`Invitation sent to ${mate}: the mail with the link is on its way.`)).toBeVisible();
    await expect(page.getByTestId(`invitation-${mate}`)).toContainText('Expires');
    await fitsAndPassesAxe(page, 'settings with a pending invitation');

    // The teammate, in their own browser on a phone-sized screen, with confirmation on.
    await setAutoconfirm(false);
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const tab = await context.newPage();
    const invite = await linkFromInbox(tab, mate, `Asha Founder invited you to ${teamName}`, 'Accept the invitation');
    expect(new URL(invite).pathname).toMatch(/^\/invite\/[\w-]{43}$/);
    await tab.goto(invite);
    await expect(tab.getByTestId('invitation-summary')).toHaveText(`Asha Founder invited you to join ${teamName} as a member.`);
    await fitsAndPassesAxe(tab, 'invitation, signed out');

    await tab.getByRole('button', { name: 'Sign up' }).click();
    await expect(tab).toHaveURL(/\/signup\?email=/);
    await expect(tab.getByLabel('Email', { exact: true })).toHaveValue(mate);
    await tab.getByLabel('Full name').fill('Ravi Teammate');
    await tab.getByLabel('Password', { exact: true }).fill(password);
    await tab.getByRole('button', { name: 'Create account' }).click();
    await expect(tab).toHaveURL(/\/unconfirmed\?email=/);

    // Confirming the address signs in and comes back to the invitation.
    await tab.goto(await linkFromInbox(tab, mate, 'Confirm your email address', 'Confirm email address'));
    await expect(tab).toHaveURL(new RegExp(`${new URL(invite).pathname}$`));
    await tab.getByRole('button', { name: `Accept and join ${teamName}` }).click();
    await expect(tab).toHaveURL(/\/app\/dashboard$/);
    await expect(tab.getByTestId('workspace-name')).toHaveText(teamName);

    // Own workspace (not paid yet: its next step is the plan page), then back to the team's dashboard.
    const switcher = tab.getByTestId('workspace-switcher');
    await expect(switcher).toContainText(teamName);
    await fitsAndPassesAxe(tab, 'dashboard with the workspace switcher');
    await switcher.click();
    await tab.getByRole('menuitemradio', { name: "Ravi Teammate's workspace (owner)" }).click();
    await expect(tab).toHaveURL(/\/onboarding\/payment$/);
    await expect(switcher).toContainText("Ravi Teammate's workspace");

    await switcher.click();
    await tab.getByRole('menuitemradio', { name: `${teamName} (member)` }).click();
    await expect(tab).toHaveURL(/\/app\/dashboard$/);
    await expect(tab.getByTestId('workspace-name')).toHaveText(teamName);

    // The owner sees the teammate as a member and no pending invitation.
    await page.reload();
    await expect(page.getByTestId('members')).toContainText(mate);
    await expect(page.getByTestId(`invitation-${mate}`)).toHaveCount(0);
    await context.close();
  });
});
