import { createHash } from 'node:crypto';
import type { AppContext, CouncilAppDeps } from './env.ts';

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  /**
   * How many clients are remembered at once. Past it the least recently seen client is forgotten,
   * so memory stays bounded whatever the traffic (and each use costs the same, never a scan).
   */
  maxClients?: number;
}

export interface RateLimiter {
  /** Counts one use; false when the client is over its limit. */
  take(key: string, now: Date): boolean;
  /** How many clients are remembered now (at most `maxClients`). */
  readonly size: number;
}

export const DEFAULT_MAX_CLIENTS = 10_000;

/**
 * A fixed-window counter per client, kept in the process and bounded: a least-recently-used map of
 * at most `maxClients` clients. In Lambda each instance counts on its own, so the effective limit
 * is per instance; the function's concurrency limit bounds the total.
 *
 * @example
 * const limiter = createRateLimiter({ max: 30, windowSeconds: 300 });
 * if (!limiter.take(key, deps.clock())) return tooManyPage(c);
 */
export function createRateLimiter({ max, windowSeconds, maxClients = DEFAULT_MAX_CLIENTS }: RateLimitOptions): RateLimiter {
  // A Map iterates in insertion order: deleting and re-inserting a key on each use keeps the least
  // recently used client first, so evicting it is O(1).
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    take(key: string, now: Date): boolean {
      const t = now.getTime();
      const w = windows.get(key);
      if (w) windows.delete(key);
      const current = !w || w.resetAt <= t ? { count: 0, resetAt: t + windowSeconds * 1000 } : w;
      current.count++;
      windows.set(key, current);
      if (windows.size > maxClients) windows.delete(windows.keys().next().value!);
      return current.count <= max;
    },
    get size() {
      return windows.size;
    },
  };
}

/** Postcode and address look-ups per client per window (FixMyStreet caps them "for security and privacy"). */
export const DEFAULT_ADDRESS_LOOKUP_LIMIT: RateLimitOptions = { max: 30, windowSeconds: 300 };
/** Cases (and so confirmation emails) per client, and per email address, per window. */
export const DEFAULT_CASE_CREATION_LIMIT: RateLimitOptions = { max: 10, windowSeconds: 3600 };

/** The limiters every module of one app shares: a client's look-ups count once, whichever service makes them. */
export interface AppLimiters {
  /** Every address look-up: the bins postcode and property pages, the report's postcode step. */
  addressLookups: RateLimiter;
  /** Every case created from the pages, so the council's Notify service cannot flood an inbox. */
  caseCreation: RateLimiter;
}

// Keyed by the app's deps, which the host builds once per council app: modules do not import each
// other, yet must count against the same limiters, and a limiter made per request would count nothing.
const limitersByApp = new WeakMap<CouncilAppDeps, AppLimiters>();

/** The app's limiters, made on first use from its deps. */
export function appLimiters(deps: CouncilAppDeps): AppLimiters {
  let limiters = limitersByApp.get(deps);
  if (!limiters) {
    limiters = {
      addressLookups: createRateLimiter(deps.postcodeLookupLimit ?? DEFAULT_ADDRESS_LOOKUP_LIMIT),
      caseCreation: createRateLimiter(deps.caseCreationLimit ?? DEFAULT_CASE_CREATION_LIMIT),
    };
    limitersByApp.set(deps, limiters);
  }
  return limiters;
}

const hashed = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;

/** An IPv6 client controls a whole /64, so it is one client; an IPv4 address is itself. */
export function ipKey(ip: string): string {
  const address = ip.replace(/^\[|\]$/g, '').split('%')[0].toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return `ip:${mapped[1]}`;
  if (!address.includes(':')) return `ip:${address}`;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `ip6:${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Who is asking, for a limiter: the client's address; without one, the browser's session (the
 * session cookie it sent back); without either, nobody: the use is not counted. Clients whose
 * address the host could not tell must not share one bucket, or one of them would lock out all the
 * others; the address is missing only on a misconfigured host, and the endpoint's own throttle and
 * the function's concurrency limit still bound the total.
 */
export function clientKey(c: AppContext, ip: string | undefined): string | undefined {
  if (ip) return ipKey(ip);
  const session = c.get('csrfToken');
  // Only a session the browser sent back: a new one is made for every cookie-less request.
  if (session && (c.req.header('cookie') ?? '').includes(session)) return hashed('session', session);
  return undefined;
}

/**
 * Counts one use by this request's client; false when it is over the limit.
 *
 * @example
 * if (!takeForClient(appLimiters(deps).addressLookups, c, deps)) return postcodePage(c, raw, tooMany, 429);
 */
export function takeForClient(limiter: RateLimiter, c: AppContext, deps: Pick<CouncilAppDeps, 'clientIp' | 'clock'>): boolean {
  const key = clientKey(c, deps.clientIp(c));
  return key === undefined || limiter.take(key, deps.clock());
}

/** Counts one case for the client and one for the email address it confirms to; false when either is over. */
export function takeCaseCreation(c: AppContext, deps: CouncilAppDeps, email: string | undefined): boolean {
  const { caseCreation } = appLimiters(deps);
  const byClient = takeForClient(caseCreation, c, deps);
  const byAddress = !email || caseCreation.take(hashed('email', email.trim().toLowerCase()), deps.clock());
  return byClient && byAddress;
}

/** What a resident over the case-creation limit is told: when they can send again. */
export function caseLimitMessage(c: AppContext): string {
  const { windowSeconds } = c.get('deps').caseCreationLimit ?? DEFAULT_CASE_CREATION_LIMIT;
  return c.get('t')('common.caseLimit', { minutes: Math.max(1, Math.ceil(windowSeconds / 60)) });
}
