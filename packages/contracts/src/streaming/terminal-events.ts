import { defineTerminalEvent } from './envelope.js';
import { FinalPayloadSchema, StreamErrorPayloadSchema } from './final-payload.js';

/** Terminal failure: a provider `error` event or a server-side exception. */
export const StreamErrorEventSchema = defineTerminalEvent('error', { error: StreamErrorPayloadSchema });

/** Terminal success (or refusal/incompletion): the run's outcome, usage and attachments. */
export const FinalEventSchema = defineTerminalEvent('final', { final: FinalPayloadSchema });
