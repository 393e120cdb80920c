// Request rules from phonepe.md 1.3 and 1.5; messages mimic PhonePe's "<field> must ..." style.
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const UDF_SHORT_PATTERN = /^[A-Za-z0-9_\- @.+]*$/;

export const EXPIRE_AFTER_MIN_SECONDS = 300;
export const EXPIRE_AFTER_MAX_SECONDS = 3600;
// PhonePe's default is UNVERIFIED; 20 minutes matches the status-polling guidance.
export const EXPIRE_AFTER_DEFAULT_SECONDS = 1200;

export interface PayRequest {
  merchantOrderId: string;
  amount: number;
  expireAfterSeconds: number;
  redirectUrl: string;
  metaInfo?: Record<string, string>;
  message?: string;
}

export interface RefundRequest {
  merchantRefundId: string;
  originalMerchantOrderId: string;
  amount: number;
}

export type Validated<T> = { value: T } | { error: string };

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `${field} must not be blank.`;
  if (value.length > 63) return `${field} must be at most 63 characters.`;
  if (!ID_PATTERN.test(value)) return `${field} may contain only letters, digits, '_' and '-'.`;
  return undefined;
}

function checkAmount(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'amount must be an integer number of paise.';
  if (value < 100) return 'amount must be at least 100.';
  return undefined;
}

function checkMetaInfo(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return 'metaInfo must be an object.';
  for (const [key, udf] of Object.entries(value)) {
    const index = /^udf(\d{1,2})$/.exec(key)?.[1];
    const n = Number(index);
    if (!index || n < 1 || n > 15) return `metaInfo.${key} is not a known field.`;
    if (typeof udf !== 'string') return `metaInfo.${key} must be a string.`;
    if (n <= 10 && udf.length > 256) return `metaInfo.${key} must be at most 256 characters.`;
    if (n > 10 && (udf.length > 50 || !UDF_SHORT_PATTERN.test(udf))) {
      return `metaInfo.${key} must be at most 50 characters of [A-Za-z0-9_-  @.+].`;
    }
  }
  return undefined;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function validatePay(body: unknown): Validated<PayRequest> {
  if (!isObject(body)) return { error: 'Request body must be a JSON object.' };
  const error =
    checkId('merchantOrderId', body['merchantOrderId']) ?? checkAmount(body['amount']) ?? checkMetaInfo(body['metaInfo']);
  if (error) return { error: error };
  const expireAfter = body['expireAfter'] ?? EXPIRE_AFTER_DEFAULT_SECONDS;
  if (
    typeof expireAfter !== 'number' ||
    !Number.isInteger(expireAfter) ||
    expireAfter < EXPIRE_AFTER_MIN_SECONDS ||
    expireAfter > EXPIRE_AFTER_MAX_SECONDS
  ) {
    return { error: `expireAfter must be an integer between ${EXPIRE_AFTER_MIN_SECONDS} and ${EXPIRE_AFTER_MAX_SECONDS}.` };
  }
  const flow = body['paymentFlow'];
  if (!isObject(flow) || flow['type'] !== 'PG_CHECKOUT') return { error: 'paymentFlow.type must be PG_CHECKOUT.' };
  const urls = flow['merchantUrls'];
  const redirectUrl = isObject(urls) ? urls['redirectUrl'] : undefined;
  if (!isHttpUrl(redirectUrl)) return { error: 'paymentFlow.merchantUrls.redirectUrl must be a valid URL.' };
  return {
    value: {
      merchantOrderId: body['merchantOrderId'] as string,
      amount: body['amount'] as number,
      expireAfterSeconds: expireAfter,
      redirectUrl,
      metaInfo: body['metaInfo'] as Record<string, string> | undefined,
      message: typeof flow['message'] === 'string' ? flow['message'] : undefined,
    },
  };
}

export function validateRefund(body: unknown): Validated<RefundRequest> {
  if (!isObject(body)) return { error: 'Request body must be a JSON object.' };
  const error =
    checkId('merchantRefundId', body['merchantRefundId']) ??
    checkId('originalMerchantOrderId', body['originalMerchantOrderId']) ??
    checkAmount(body['amount']);
  if (error) return { error: error };
  return {
    value: {
      merchantRefundId: body['merchantRefundId'] as string,
      originalMerchantOrderId: body['originalMerchantOrderId'] as string,
      amount: body['amount'] as number,
    },
  };
}
