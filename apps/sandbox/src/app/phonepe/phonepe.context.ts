import type { FastifyReply } from 'fastify';
import type { SandboxOptions } from '../sandbox';
import { webhookFor, type PhonePeSimulator, type SimRoute, type Transition } from './phonepe.simulator';
import type { WebhookDispatcher } from './phonepe.webhooks';

export function phonePeError(code: string, message: string) {
  return { code, message, data: {} };
}

/** Shared by the API, checkout and control routes of one sandbox instance. */
export class PhonePeContext {
  private readonly hangs = new Set<() => void>();

  constructor(
    readonly sim: PhonePeSimulator,
    readonly webhooks: WebhookDispatcher,
    private readonly options: SandboxOptions,
  ) {}

  /** Read per request: tests may only know the real URL after listening. */
  get basePath(): string {
    return `${this.options.publicUrl}/phonepe`;
  }

  notify(transitions: Transition[]): void {
    for (const transition of transitions) this.webhooks.dispatch(webhookFor(transition));
  }

  /** Counts the call and plays an injected failure if one is armed; returns true when it answered. */
  async injectFault(route: SimRoute, reply: FastifyReply): Promise<boolean> {
    this.sim.count(route);
    const fault = this.sim.takeFault(route);
    if (!fault) return false;
    if (fault.status === 'hang') {
      await this.hang(fault.ms);
      await reply.code(504).send(phonePeError('GATEWAY_TIMEOUT', 'Sandbox: injected hang elapsed'));
      return true;
    }
    if (fault.status === 429) {
      await reply.code(429).header('retry-after', '1').send(phonePeError('TOO_MANY_REQUESTS', 'Sandbox: injected rate limit'));
    } else {
      await reply.code(500).send(phonePeError('INTERNAL_SERVER_ERROR', 'Sandbox: injected failure'));
    }
    return true;
  }

  releaseHangs(): void {
    for (const release of this.hangs) release();
    this.hangs.clear();
  }

  private hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.hangs.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      timer.unref();
      this.hangs.add(release);
    });
  }
}
