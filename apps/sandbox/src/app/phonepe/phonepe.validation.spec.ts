import { validatePay, validateRefund } from './phonepe.validation';

const pay = (overrides: Record<string, unknown> = {}) => ({
  merchantOrderId: 'RF_RF-2025-0001_a1',
  amount: 499900,
  paymentFlow: { type: 'PG_CHECKOUT', merchantUrls: { redirectUrl: 'https://app.example.in/billing/return' } },
  ...overrides,
});

describe('validatePay', () => {
  it('accepts a minimal request and defaults expireAfter', () => {
    expect(validatePay(pay())).toEqual({
      value: expect.objectContaining({ merchantOrderId: 'RF_RF-2025-0001_a1', amount: 499900, expireAfterSeconds: 1200 }),
    });
  });

  it.each([
    ['blank id', { merchantOrderId: ' ' }, 'merchantOrderId must not be blank.'],
    ['long id', { merchantOrderId: 'a'.repeat(64) }, 'merchantOrderId must be at most 63 characters.'],
    ['bad chars', { merchantOrderId: 'a b' }, "merchantOrderId may contain only letters, digits, '_' and '-'."],
    ['fractional amount', { amount: 100.5 }, 'amount must be an integer number of paise.'],
    ['string amount', { amount: '100' }, 'amount must be an integer number of paise.'],
    ['small amount', { amount: 99 }, 'amount must be at least 100.'],
    ['short expiry', { expireAfter: 299 }, 'expireAfter must be an integer between 300 and 3600.'],
    ['no redirect', { paymentFlow: { type: 'PG_CHECKOUT' } }, 'paymentFlow.merchantUrls.redirectUrl must be a valid URL.'],
    ['wrong flow', { paymentFlow: { type: 'X' } }, 'paymentFlow.type must be PG_CHECKOUT.'],
    ['unknown udf', { metaInfo: { udf16: 'x' } }, 'metaInfo.udf16 is not a known field.'],
    ['long short-udf', { metaInfo: { udf11: 'x'.repeat(51) } }, 'metaInfo.udf11 must be at most 50 characters of [A-Za-z0-9_-  @.+].'],
  ])('rejects %s', (_name, overrides, error) => {
    expect(validatePay(pay(overrides))).toEqual({ error });
  });

  it('rejects a non-object body', () => expect(validatePay(null)).toEqual({ error: 'Request body must be a JSON object.' }));
});

describe('validateRefund', () => {
  it('accepts a valid refund and rejects a missing id', () => {
    expect(validateRefund({ merchantRefundId: 'R1', originalMerchantOrderId: 'O1', amount: 100 })).toEqual({
      value: { merchantRefundId: 'R1', originalMerchantOrderId: 'O1', amount: 100 },
    });
    expect(validateRefund({ originalMerchantOrderId: 'O1', amount: 100 })).toEqual({ error: 'merchantRefundId must not be blank.' });
  });
});
