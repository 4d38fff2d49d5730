import type { RunStreamEvent } from '@openai/agents';
import type { PublicSseEvent } from '@starter/contracts';
import { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
import type { FinishContext } from './project-final.js';
import type { PublicStreamProjector } from './public-stream-projector.js';

/** Called once the SDK stream is drained, with the exception that ended it (if any). */
export type FinishContextFactory = (error: unknown) => FinishContext | Promise<FinishContext>;

// What a `StreamedRunResult` tells once drained: an aborted run ends its stream quietly with
// `cancelled`, a run paused for approvals ends with `interruptions`.
function outcomeOf(stream: object): Pick<FinishContext, 'cancelled' | 'interrupted'> {
  const { cancelled, interruptions } = stream as { cancelled?: unknown; interruptions?: unknown };
  return {
    ...(cancelled === true ? { cancelled: true } : {}),
    ...(Array.isArray(interruptions) && interruptions.length > 0 ? { interrupted: true } : {}),
  };
}

/**
 * Drains an `@openai/agents` stream through the normalizer and `projector`, handing each frame to
 * `onFrame`, then emits the terminal. The stream is drained to its end even after a terminal frame so
 * the SDK can finish its own bookkeeping (§2.5); a thrown run error becomes the finish context's error,
 * and a cancelled or interrupted `StreamedRunResult` says so in it unless the factory decides otherwise.
 */
export async function projectSdkStream(
  stream: AsyncIterable<RunStreamEvent>,
  projector: PublicStreamProjector,
  onFrame: (frame: PublicSseEvent) => void,
  finishContext: FinishContextFactory = (error) => (error === undefined ? {} : { error }),
): Promise<void> {
  let failure: unknown;
  try {
    for await (const sdkEvent of stream) {
      const event = normalizeAgentStreamEvent(sdkEvent);
      if (event) for (const frame of projector.project(event)) onFrame(frame);
    }
  } catch (error) {
    failure = error;
  }
  const context = { ...outcomeOf(stream), ...(await finishContext(failure)) };
  for (const frame of projector.finish(context)) onFrame(frame);
}
