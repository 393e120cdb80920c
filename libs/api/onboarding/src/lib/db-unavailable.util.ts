// Connection-level failures (refused, timed out, server gone) mean "try again", not a bug.
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (typeof code === 'string' && (/^(08|57P0)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))) {
    return true;
  }
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message ?? '');
}
