import type { HealthStatus, Lifecycle } from '@starter/contracts';

/** One dependency's readiness, as the readiness routes report it. */
export interface HealthCheck {
  ok: boolean;
  provider: string;
  latency_ms: number;
  detail?: string;
}

/**
 * Probes a dependency, bounded by a timeout so a hung connection reports "not ready" instead of hanging
 * the probe. A thrown error becomes a fixed detail: its message may carry hosts or credentials.
 */
export async function probeHealth(
  target: Lifecycle,
  provider: string,
  timeoutMs: number,
  now: () => number,
): Promise<HealthCheck> {
  const started = now();
  const elapsed = () => Math.round((now() - started) * 100) / 100;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result: HealthStatus | 'timeout' = await Promise.race([target.health(), timeout]);
    if (result === 'timeout') {
      return { ok: false, provider, latency_ms: elapsed(), detail: `timed out after ${timeoutMs} ms` };
    }
    const latency = Math.round(result.latencyMs * 100) / 100;
    const check: HealthCheck = { ok: result.ok, provider: result.provider, latency_ms: latency };
    if (!result.ok) check.detail = result.detail ?? 'unavailable';
    return check;
  } catch {
    return { ok: false, provider, latency_ms: elapsed(), detail: 'health probe failed' };
  } finally {
    clearTimeout(timer);
  }
}
