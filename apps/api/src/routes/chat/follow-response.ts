import type { Logger } from '@starter/contracts';
import type { Context } from 'hono';
import type { RunFollower } from '../../chat/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { SSE_HEADERS, sseBody } from './sse-response.js';

/**
 * Follows a run as an SSE response; the client going away ends the follow, never the run (§14).
 * `open` opens the follower, given the signal that ends it.
 */
export async function followResponse(
  c: Context<AppEnv>,
  deps: { logger: Logger; now: () => Date; heartbeatMs?: number | undefined },
  open: (signal: AbortSignal) => Promise<RunFollower>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const abort = new AbortController();
  const follower = await open(abort.signal);
  const clientGone = () => abort.abort();
  c.req.raw.signal.addEventListener('abort', clientGone, { once: true });
  const stream = sseBody(follower.frames, {
    now: deps.now,
    logger: deps.logger,
    heartbeatMs: deps.heartbeatMs,
    onClose: async () => {
      c.req.raw.signal.removeEventListener('abort', clientGone);
      abort.abort();
      await follower.close();
    },
  });
  return c.body(stream, 200, {
    ...SSE_HEADERS,
    'X-Run-Id': follower.run.runId,
    'X-Stream-Id': follower.run.streamId,
    ...headers,
  });
}
