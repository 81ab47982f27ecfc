export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
}

/**
 * A fixed-window counter per client, kept in the process. In Lambda each instance counts on its
 * own, so the effective limit is per instance; the function's concurrency limit bounds the total.
 */
export function createRateLimiter({ max, windowSeconds }: RateLimitOptions) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one use; false when the client is over its limit. */
    take(key: string, now: Date): boolean {
      const t = now.getTime();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
      }
      const w = windows.get(key);
      if (!w || w.resetAt <= t) {
        windows.set(key, { count: 1, resetAt: t + windowSeconds * 1000 });
        return true;
      }
      w.count++;
      return w.count <= max;
    },
  };
}
