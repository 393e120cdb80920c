import {
  PaymentGateway,
  type CheckoutSession,
  type CreateCheckoutInput,
  type OrderStatus,
  type OrderStatusOptions,
  type RefundInput,
  type RefundResult,
  type RefundStatus,
  type WebhookEvent,
} from './payment-gateway';
import { PaymentGatewayError } from './payment-gateway.errors';
import { PhonePeTokenCache } from './phonepe.token-cache';
import { phonePeWebhookAuthorization, verifyPhonePeWebhook } from './phonepe.webhook';
import {
  toOrderStatus,
  toRefundStatus,
  toState,
  type WireError,
  type WireOrderStatus,
  type WirePayResponse,
  type WireRefundStatus,
  type WireToken,
} from './phonepe.wire';

export interface PhonePeGatewayOptions {
  /** e.g. https://api.phonepe.com/apis/identity-manager (UAT and the sandbox use the PG base for both). */
  oauthBaseUrl: string;
  /** e.g. https://api.phonepe.com/apis/pg */
  pgBaseUrl: string;
  clientId: string;
  clientSecret: string;
  clientVersion: string | number;
  webhookUsername: string;
  webhookPassword: string;
  /** Per HTTP call, including the token call. Default 10 000. */
  timeoutMs?: number;
}

type Method = 'GET' | 'POST';

/** PhonePe PG v2 Standard Checkout over fetch (phonepe.md section 1). */
export class PhonePeGateway extends PaymentGateway {
  private readonly tokens: PhonePeTokenCache;
  private readonly timeoutMs: number;
  private readonly webhookAuthorization: string;

  constructor(private readonly options: PhonePeGatewayOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.tokens = new PhonePeTokenCache(() => this.fetchToken());
    this.webhookAuthorization = phonePeWebhookAuthorization(options.webhookUsername, options.webhookPassword);
  }

  async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
    const wire = await this.call<WirePayResponse>('pay', 'POST', '/checkout/v2/pay', {
      merchantOrderId: input.merchantOrderId,
      amount: input.amount,
      expireAfter: input.expireAfterSeconds,
      metaInfo: input.metaInfo,
      paymentFlow: { type: 'PG_CHECKOUT', message: input.message, merchantUrls: { redirectUrl: input.redirectUrl } },
    });
    return { orderId: wire.orderId, state: toState(wire.state), expireAt: wire.expireAt, redirectUrl: wire.redirectUrl };
  }

  async getOrderStatus(merchantOrderId: string, options: OrderStatusOptions = {}): Promise<OrderStatus> {
    const query = `details=${options.details ?? false}&errorContext=${options.errorContext ?? false}`;
    const path = `/checkout/v2/order/${encodeURIComponent(merchantOrderId)}/status?${query}`;
    return toOrderStatus(await this.call<WireOrderStatus>('order status', 'GET', path), merchantOrderId);
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    const wire = await this.call<{ refundId: string; amount: number; state: string }>('refund', 'POST', '/payments/v2/refund', {
      merchantRefundId: input.merchantRefundId,
      originalMerchantOrderId: input.merchantOrderId,
      amount: input.amount,
    });
    return { refundId: wire.refundId, amount: wire.amount, state: toState(wire.state) };
  }

  async getRefundStatus(merchantRefundId: string): Promise<RefundStatus> {
    const path = `/payments/v2/refund/${encodeURIComponent(merchantRefundId)}/status`;
    return toRefundStatus(await this.call<WireRefundStatus>('refund status', 'GET', path));
  }

  verifyWebhook(authorizationHeader: string | undefined, rawBody: string): WebhookEvent {
    return verifyPhonePeWebhook(authorizationHeader, rawBody, this.webhookAuthorization);
  }

  // A 401 means the request was refused before processing, so one retry with a fresh token is safe even
  // for pay and refund. Nothing else is retried: a timed-out pay may have created the order.
  protected async call<T>(operation: string, method: Method, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.pgBaseUrl}${path}`;
    const json = body === undefined ? undefined : JSON.stringify(body);
    let token = await this.tokens.get();
    let response = await this.send(operation, url, method, json, token);
    if (response.status === 401) {
      await response.body?.cancel();
      token = await this.tokens.replace(token);
      response = await this.send(operation, url, method, json, token);
    }
    return this.read<T>(operation, response);
  }

  private send(operation: string, url: string, method: Method, body: string | undefined, token: string): Promise<Response> {
    return this.fetch(operation, url, {
      method,
      body,
      headers: {
        Accept: 'application/json',
        Authorization: `O-Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
    });
  }

  private async fetchToken(): Promise<WireToken> {
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_version: String(this.options.clientVersion),
      client_secret: this.options.clientSecret,
      grant_type: 'client_credentials',
    });
    const response = await this.fetch('token', `${this.options.oauthBaseUrl}/v1/oauth/token`, {
      method: 'POST',
      body: form.toString(),
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const token = await this.read<WireToken>('token', response);
    if (typeof token.access_token !== 'string' || typeof token.expires_at !== 'number') {
      throw new PaymentGatewayError('INVALID_RESPONSE', 'PhonePe token response lacks access_token/expires_at');
    }
    return token;
  }

  private async fetch(operation: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw this.transportError(operation, error);
    }
  }

  private async read<T>(operation: string, response: Response): Promise<T> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.transportError(operation, error);
    }
    const parsed = parseJson(text);
    if (response.ok) {
      // 204: PhonePe's subscription cancel answers with no body.
      if (parsed === undefined && response.status === 204) return undefined as T;
      if (parsed === undefined) throw new PaymentGatewayError('INVALID_RESPONSE', `PhonePe ${operation}: body is not JSON`);
      return parsed as T;
    }
    throw httpError(operation, response, (parsed ?? {}) as WireError);
  }

  private transportError(operation: string, error: unknown): PaymentGatewayError {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new PaymentGatewayError('TIMEOUT', `PhonePe ${operation} timed out after ${this.timeoutMs} ms`);
    }
    return new PaymentGatewayError('UNAVAILABLE', `PhonePe ${operation} failed: ${(error as Error)?.message ?? String(error)}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function httpError(operation: string, response: Response, body: WireError): PaymentGatewayError {
  const httpStatus = response.status;
  const providerCode = body.code ?? body.errorCode;
  const message = `PhonePe ${operation}: HTTP ${httpStatus}${providerCode ? ` ${providerCode}` : ''}${body.message ? ` - ${body.message}` : ''}`;
  if (httpStatus === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new PaymentGatewayError('RATE_LIMITED', message, {
      httpStatus,
      providerCode,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  if (httpStatus >= 500) return new PaymentGatewayError('UNAVAILABLE', message, { httpStatus, providerCode });
  if (httpStatus === 401 || httpStatus === 403) return new PaymentGatewayError('UNAUTHORIZED', message, { httpStatus, providerCode });
  if (httpStatus === 404) return new PaymentGatewayError('NOT_FOUND', message, { httpStatus, providerCode });
  return new PaymentGatewayError('REJECTED', message, { httpStatus, providerCode });
}
