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

  return {
    registry,
    httpRequestsTotal,
    httpRequestDurationSeconds,
    observeHttpRequest(method, route, status, seconds) {
      const series = seriesFor(method, route, status);
      series.inc();
      series.observe(seconds);
    },
  };
}
