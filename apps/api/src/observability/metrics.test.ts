import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics, UNMATCHED_ROUTE } from './metrics.js';

describe('createMetrics', () => {
  it('uses its own registry with default Node metrics, not the global one', async () => {
    const a = createMetrics();
    const b = createMetrics();
    expect(a.registry).not.toBe(register);
    expect(a.registry).not.toBe(b.registry);
    const text = await a.registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('# TYPE http_requests_total counter');
  });

  it('records requests by method, route template and status', async () => {
    const metrics = createMetrics();
    metrics.observeHttpRequest('GET', '/storage/local/*', 200, 0.003);
    metrics.observeHttpRequest('GET', '/storage/local/*', 200, 0.02);
    metrics.observeHttpRequest('POST', UNMATCHED_ROUTE, 404, 0.001);
    const text = await metrics.registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/storage/local/*",status="200"} 2');
    expect(text).toContain('http_requests_total{method="POST",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/storage/local/*",status="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/storage/local/*",status="200"} 2',
    );
  });
});
