// Where to come back to after signing up or in elsewhere (an invitation's page): kept in localStorage, because the
// sign-up confirmation link may be opened in another tab. Only our own invitation pages are taken, never any URL.
const RETURN_KEY = 'rf.returnTo';
const RETURNABLE = /^\/invite\/[A-Za-z0-9_-]{43}$/;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Remembers `path` (an /invite/<token> page) for the next sign-in; anything else is ignored. */
export function rememberReturnPath(path: string): void {
  if (RETURNABLE.test(path)) storage()?.setItem(RETURN_KEY, path);
}

/** The remembered page, once: it is forgotten as it is read. */
export function takeReturnPath(): string | null {
  const store = storage();
  const path = store?.getItem(RETURN_KEY) ?? null;
  store?.removeItem(RETURN_KEY);
  return path && RETURNABLE.test(path) ? path : null;
}
