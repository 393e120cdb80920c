// Contract test: the resend SDK and our ResendEmailSender from libs/api/email against this stand-in, over HTTP.
import type { FastifyInstance } from 'fastify';
import { Resend } from 'resend';
import { EmailSendError, ResendEmailSender, paymentReceiptEmail, type EmailMessage } from '@raptorflow/api-email';
import { freePort, startTestSandbox } from '../testing';


const KEY = 're_sandbox_key';
const FROM = 'RaptorFlow <billing@mail.raptorflow.test>';

describe('Resend stand-in + ResendEmailSender', () => {
  let sandbox: FastifyInstance;
  let base: string;
  let sender: ResendEmailSender;

  const message = (to = 'asha@example.in', merchantOrderId = 'RF_RF-2026-0001_a'): EmailMessage => ({
    to,
    ...paymentReceiptEmail({ planName: 'Starter', period: 'month', amountPaise: 499_900, merchantOrderId, paidAt: new Date() }),
  });

  const caught = async (promise: Promise<unknown>): Promise<EmailSendError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof EmailSendError) return error;
      throw error;
    }
    throw new Error('expected an EmailSendError');
  };

  const outbox = async (query = '') => (await fetch(`${base}/__sandbox/emails${query}`)).json();

  beforeAll(async () => {
    let url: string;
    ({ sandbox, url } = await startTestSandbox());
    base = `${url}/resend`;
    sender = new ResendEmailSender({ apiKey: KEY, from: FROM, baseUrl: base, timeoutMs: 2000 });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  beforeEach(async () => {
    await fetch(`${base}/__sandbox/reset`, { method: 'POST' });
  });

  it('sends an email into the outbox', async () => {
    const { id } = await sender.send(message(), { idempotencyKey: 'receipt/RF_RF-2026-0001_a' });
    expect(id).toEqual(expect.any(String));
    const [email] = await outbox('?to=ASHA@example.in');
    expect(email).toMatchObject({
      id,
      from: FROM,
      to: ['asha@example.in'],
      subject: 'Your RaptorFlow receipt: ₹4,999.00 for Starter',
      tags: [{ name: 'category', value: 'payment_receipt' }],
      idempotency_key: 'receipt/RF_RF-2026-0001_a',
    });
    expect(email.html).toContain('₹4,999.00');
    expect(await outbox('?to=someone@else.in')).toEqual([]);
  });

  it('returns the same id for the same idempotency key and message, 409 for a different message', async () => {
    const first = await sender.send(message(), { idempotencyKey: 'receipt/A' });
    const again = await sender.send(message(), { idempotencyKey: 'receipt/A' });
    expect(again.id).toBe(first.id);
    expect(await outbox()).toHaveLength(1);
    const conflict = await caught(sender.send(message('ravi@example.in'), { idempotencyKey: 'receipt/A' }));
    expect(conflict).toMatchObject({ code: 'invalid_idempotent_request', status: 409, retryable: false });
  });

  it('answers 422 missing_required_field to the SDK and as a non-retryable EmailSendError', async () => {
    const resend = new Resend(KEY, { baseUrl: base });
    const result = await resend.emails.send({ from: FROM, to: 'a@example.in', html: '<p>x</p>' } as unknown as Parameters<Resend['emails']['send']>[0]);
    expect(result.data).toBeNull();
    expect(result.error).toMatchObject({ statusCode: 422, name: 'missing_required_field', message: 'Missing `subject` field.' });
    const error = await caught(sender.send({ ...message(), to: [] }, { idempotencyKey: 'k' }));
    expect(error).toMatchObject({ code: 'missing_required_field', status: 422, retryable: false });
  });

  it('surfaces injected 429 and 500 as retryable, then recovers', async () => {
    await fetch(`${base}/__sandbox/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 429, count: 1 }) });
    expect(await caught(sender.send(message(), { idempotencyKey: 'k1' }))).toMatchObject({ code: 'rate_limit_exceeded', status: 429, retryable: true });
    await fetch(`${base}/__sandbox/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 500, count: 1 }) });
    expect(await caught(sender.send(message(), { idempotencyKey: 'k1' }))).toMatchObject({ status: 500, retryable: true });
    await expect(sender.send(message(), { idempotencyKey: 'k1' })).resolves.toEqual({ id: expect.any(String) });
  });

  it('rejects missing and invalid API keys like Resend', async () => {
    const missing = await fetch(`${base}/emails`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    const wrong = new ResendEmailSender({ apiKey: 're_wrong', from: FROM, baseUrl: base });
    expect(await caught(wrong.send(message(), { idempotencyKey: 'k' }))).toMatchObject({ code: 'invalid_api_key', status: 403, retryable: false });
  });

  it('reports an unreachable server as retryable with no status', async () => {
    const offline = new ResendEmailSender({ apiKey: KEY, from: FROM, baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect(await caught(offline.send(message(), { idempotencyKey: 'k' }))).toMatchObject({ code: 'application_error', status: null, retryable: true });
  });

  it('sends batches and lists the outbox newest first with viewable bodies', async () => {
    const resend = new Resend(KEY, { baseUrl: base });
    const { data, error } = await resend.batch.send([
      { from: FROM, to: 'one@example.in', subject: 'First', html: '<p>one</p>', text: 'one' },
      { from: FROM, to: 'two@example.in', subject: 'Second <b>', html: '<p>two</p>', text: 'two' },
    ]);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    const page = await (await fetch(`${base}/outbox`)).text();
    expect(page.indexOf('Second &lt;b&gt;')).toBeGreaterThan(-1);
    expect(page.indexOf('Second &lt;b&gt;')).toBeLessThan(page.indexOf('First'));
    const body = await fetch(`${base}/outbox/${data?.data[0].id}`);
    expect(body.headers.get('content-security-policy')).toBe('sandbox');
    expect(await body.text()).toBe('<p>one</p>');
  });

  it('keeps attachments as Resend receives them (base64 from the SDK) and serves them as the recipient opens them', async () => {
    const pdf = Buffer.from('%PDF-1.3\n% a tax invoice\n');
    const { id } = await sender.send(
      { ...message(), attachments: [{ filename: 'RF-26-27-000001.pdf', contentType: 'application/pdf', content: pdf.toString('base64') }] },
      { idempotencyKey: 'receipt/with-invoice' },
    );
    const [email] = await outbox();
    expect(email.attachments).toEqual([{ filename: 'RF-26-27-000001.pdf', content_type: 'application/pdf', content: pdf.toString('base64') }]);
    const file = await fetch(`${base}/outbox/${id}/attachments/0`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    const resend = new Resend(KEY, { baseUrl: base });
    const nameless = await resend.emails.send({ from: FROM, to: 'a@example.in', subject: 's', html: '<p>x</p>', attachments: [{ content: pdf }] } as unknown as Parameters<Resend['emails']['send']>[0]);
    expect(nameless.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    const notBase64 = await caught(sender.send({ ...message(), attachments: [{ filename: 'x.pdf', contentType: 'application/pdf', content: 'not base64!' }] }, { idempotencyKey: 'k2' }));
    expect(notBase64).toMatchObject({ code: 'validation_error', status: 422, retryable: false });
  });
});
