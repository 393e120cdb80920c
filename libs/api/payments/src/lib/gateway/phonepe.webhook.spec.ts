import { WebhookVerificationError } from './payment-gateway.errors';
import { isValidPhonePeAuthorization, phonePeWebhookAuthorization, verifyPhonePeWebhook } from './phonepe.webhook';

const VECTOR = 'bc842c31a9e54efe320d30d948be61291f3ceee4766e36ab25fa65243cd76e0e';

const orderBody = JSON.stringify({
  event: 'checkout.order.completed',
  type: 'CHECKOUT_ORDER_COMPLETED',
  payload: {
    merchantId: 'M1',
    merchantOrderId: 'RF_RF-2025-0001_abc',
    orderId: 'OMO123',
    state: 'COMPLETED',
    amount: 499900,
    expireAt: 1_700_000_000_000,
    metaInfo: { udf1: 'x' },
    paymentDetails: [{ transactionId: 'OM1', paymentMode: 'UPI_QR', timestamp: 1, amount: 499900, state: 'COMPLETED' }],
    somethingNew: true,
  },
});

function rejection(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof WebhookVerificationError ? error.reason : 'other';
  }
  return undefined;
}

describe('PhonePe webhook verification', () => {
  it('hashes username:password like the SDK test vector', () => {
    expect(phonePeWebhookAuthorization('username', 'password')).toBe(VECTOR);
  });

  it.each([VECTOR, VECTOR.toUpperCase(), `SHA256 ${VECTOR}`, `sha256 ${VECTOR.toUpperCase()}`, ` ${VECTOR} `])(
    'accepts %s',
    (header) => expect(isValidPhonePeAuthorization(header, VECTOR)).toBe(true),
  );

  it.each(['', VECTOR.slice(0, -1), `${VECTOR.slice(0, -1)}f`, `Bearer ${VECTOR}`, `${VECTOR}00`])('rejects %j', (header) =>
    expect(isValidPhonePeAuthorization(header, VECTOR)).toBe(false),
  );

  it('parses a verified order event leniently', () => {
    const event = verifyPhonePeWebhook(VECTOR, orderBody, VECTOR);
    expect(event).toMatchObject({
      kind: 'order',
      event: 'checkout.order.completed',
      merchantOrderId: 'RF_RF-2025-0001_abc',
      orderId: 'OMO123',
      state: 'COMPLETED',
      amount: 499900,
      paymentDetails: [{ transactionId: 'OM1', state: 'COMPLETED' }],
    });
  });

  it('parses a refund event', () => {
    const body = JSON.stringify({
      event: 'pg.refund.completed',
      payload: { merchantRefundId: 'R1', originalMerchantOrderId: 'O1', refundId: 'OMR1', amount: 100, state: 'COMPLETED' },
    });
    expect(verifyPhonePeWebhook(VECTOR, body, VECTOR)).toMatchObject({ kind: 'refund', refundId: 'OMR1', state: 'COMPLETED' });
  });

  it('rejects missing or wrong authorization and malformed bodies with typed reasons', () => {
    expect(rejection(() => verifyPhonePeWebhook(undefined, orderBody, VECTOR))).toBe('MISSING_AUTHORIZATION');
    const other = phonePeWebhookAuthorization('username', 'passwore');
    expect(rejection(() => verifyPhonePeWebhook(other, orderBody, VECTOR))).toBe('BAD_AUTHORIZATION');
    expect(rejection(() => verifyPhonePeWebhook(VECTOR, '{not json', VECTOR))).toBe('MALFORMED_BODY');
    expect(rejection(() => verifyPhonePeWebhook(VECTOR, '{"payload":{}}', VECTOR))).toBe('MALFORMED_BODY');
  });

  it('maps non-terminal states to PENDING', () => {
    const body = JSON.stringify({ event: 'x', payload: { merchantOrderId: 'a', orderId: 'b', state: 'CREATED', amount: 100 } });
    expect(verifyPhonePeWebhook(VECTOR, body, VECTOR)).toMatchObject({ kind: 'order', state: 'PENDING', paymentDetails: [] });
  });
});
