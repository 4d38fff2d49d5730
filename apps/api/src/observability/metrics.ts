import type { TokenMetrics } from '@starter/identity';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Route label of requests that matched no route: a fixed value, so random paths cannot add series. */
export const UNMATCHED_ROUTE = 'unmatched';

type HttpLabel = 'method' | 'route' | 'status';

/** The app's metrics on its own registry (never prom-client's global one). */
export interface AppMetrics {
  readonly registry: Registry;
  readonly httpRequestsTotal: Counter<HttpLabel>;
  readonly httpRequestDurationSeconds: Histogram<HttpLabel>;
  /** Records one finished HTTP request; `route` is the route template or `UNMATCHED_ROUTE`. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void;
  readonly jwksRequestsTotal: Counter;
  readonly jwksNotModifiedTotal: Counter;
  readonly jwtSigningsTotal: Counter<'result' | 'token_use'>;
  readonly jwtVerificationsTotal: Counter<'result'>;
  readonly rateLimitHitsTotal: Counter<'quota' | 'scope'>;
  /** Signup and access-request attempts, by result (`success`, `failure`, `blocked`) and access policy. */
  readonly signupAttemptsTotal: Counter<'result' | 'policy'>;
  /** Blocked signup attempts, by reason (`quota`, `honeypot`, `policy`). */
  readonly signupBlockedTotal: Counter<'reason'>;
  /** The token service's metric hooks, bound to the jwt_* series. */
  readonly tokens: TokenMetrics;
}

interface BoundSeries {
  inc: () => void;
  observe: (seconds: number) => void;
}

// Latency buckets for an API whose answers are mostly sub-10 ms, with room for slow streams.
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the registry with default Node metrics and the HTTP request series. */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequestsTotal = new Counter<HttpLabel>({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const httpRequestDurationSeconds = new Histogram<HttpLabel>({
    name: 'http_request_duration_seconds',
    help: 'Time from the request entering the app to the handler returning its response.',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  // prom-client validates and builds the label object on every `labels()` call; binding each series
  // once keeps the per-request cost to a map lookup. The key space is bounded by the route table.
  const bound = new Map<string, BoundSeries>();
  const seriesFor = (method: string, route: string, status: number): BoundSeries => {
    const key = `${method} ${status} ${route}`;
    let series = bound.get(key);
    if (series === undefined) {
      const statusLabel = String(status);
      const counter = httpRequestsTotal.labels(method, route, statusLabel);
      const histogram = httpRequestDurationSeconds.labels(method, route, statusLabel);
      series = { inc: () => counter.inc(), observe: (seconds) => histogram.observe(seconds) };
      bound.set(key, series);
    }
    return series;
  };

  const auth = createAuthMetrics(registry);
  return {
    registry,
    ...auth,
    httpRequestsTotal,
    httpRequestDurationSeconds,
    observeHttpRequest(method, route, status, seconds) {
      const series = seriesFor(method, route, status);
      series.inc();
      series.observe(seconds);
    },
  };
}

// Token work is sub-millisecond to a few milliseconds; slow outliers mean a cold key load.
const TOKEN_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5];

/** The auth series of spec §10.2: JWKS, JWT signing and verification, rate-limit hits, signup. */
function createAuthMetrics(registry: Registry) {
  const registers = [registry];
  const jwtSigningsTotal = new Counter<'result' | 'token_use'>({
    name: 'jwt_signings_total',
    help: 'JWTs signed, by result and token_use.',
    labelNames: ['result', 'token_use'],
    registers,
  });
  const jwtSigningDurationSeconds = new Histogram({
    name: 'jwt_signing_duration_seconds',
    help: 'Time to sign one JWT.',
    buckets: TOKEN_BUCKETS,
    registers,
  });
  const jwtVerificationsTotal = new Counter<'result'>({
    name: 'jwt_verifications_total',
    help: 'JWT verifications, by result.',
    labelNames: ['result'],
    registers,
  });
  const jwtVerificationDurationSeconds = new Histogram({
    name: 'jwt_verification_duration_seconds',
    help: 'Time to verify one JWT.',
    buckets: TOKEN_BUCKETS,
    registers,
  });
  const verified = {
    success: jwtVerificationsTotal.labels('success'),
    failure: jwtVerificationsTotal.labels('failure'),
  };
  const tokens: TokenMetrics = {
    onSign(tokenUse, result, seconds) {
      jwtSigningsTotal.labels(result, tokenUse).inc();
      jwtSigningDurationSeconds.observe(seconds);
    },
    // Bound children: verification runs on every authenticated request.
    onVerify(result, seconds) {
      verified[result].inc();
      jwtVerificationDurationSeconds.observe(seconds);
    },
  };
  return {
    jwksRequestsTotal: new Counter({
      name: 'jwks_requests_total',
      help: 'Requests for /.well-known/jwks.json.',
      registers,
    }),
    jwksNotModifiedTotal: new Counter({
      name: 'jwks_not_modified_total',
      help: 'JWKS requests answered 304 Not Modified.',
      registers,
    }),
    jwtSigningsTotal,
    jwtVerificationsTotal,
    rateLimitHitsTotal: new Counter<'quota' | 'scope'>({
      name: 'rate_limit_hits_total',
      help: 'Requests blocked by a rate limit, by quota and scope.',
      labelNames: ['quota', 'scope'],
      registers,
    }),
    signupAttemptsTotal: new Counter<'result' | 'policy'>({
      name: 'signup_attempts_total',
      help: 'Signup and access-request attempts, by result and access policy.',
      labelNames: ['result', 'policy'],
      registers,
    }),
    signupBlockedTotal: new Counter<'reason'>({
      name: 'signup_blocked_total',
      help: 'Signup attempts blocked, by reason (quota, honeypot, policy).',
      labelNames: ['reason'],
      registers,
    }),
    tokens,
  };
}
