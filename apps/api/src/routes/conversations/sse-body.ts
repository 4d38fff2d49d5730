import type { Logger } from '@starter/contracts';

/**
 * An SSE response body fed by an async generator of ready-made frames. Stops pulling when the client
 * goes away (the generator's `return` runs its cleanup); an error after the first byte cannot become an
 * error envelope any more, so it is logged and the stream just ends.
 */
export function sseBody(
  frames: AsyncGenerator<string>,
  logger: Logger,
  event: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await frames.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.warn({ event, err: error }, 'SSE stream failed after it started');
        controller.close();
      }
    },
    async cancel() {
      // The generator's cleanup may fail (its store went away): log it, never leave it unhandled.
      await frames.return(undefined).catch((error: unknown) => {
        logger.warn({ event, err: error }, 'SSE stream clean-up failed');
      });
    },
  });
}

/** One `data:` frame of a plain-text SSE stream (the title stream, spec §2.8). */
export function textFrame(text: string): string {
  // A line break would end the field early; titles are one line anyway.
  return `data: ${text.replace(/\r\n|\r|\n/g, ' ')}\n\n`;
}

/** The terminator of the title stream. */
export const DONE_FRAME = 'data: [DONE]\n\n';
