import { AppError } from '../errors/app-error.js';
import { type PublicSseEvent, PublicSseEventSchema } from './public-sse-event.js';

/** Options of {@link formatSseFrame}. */
export interface SseFrameOptions {
  /**
   * Write an `id: <event_id>` line so clients can resume with `Last-Event-ID` (the project's resumable
   * streams, spec §14). Defaults to true; pass false for the bare §2.1 `data:`-only frame.
   */
  id?: boolean;
}

/** One parsed frame: a public event, or a comment such as a heartbeat. */
export type ParsedSseFrame =
  | { type: 'event'; id: number | null; event: PublicSseEvent }
  | { type: 'comment'; comment: string };

/** Serializes an event as one SSE frame: `[id: <event_id>\n]data: <json>\n\n`. */
export function formatSseFrame(event: PublicSseEvent, options: SseFrameOptions = {}): string {
  // JSON.stringify escapes CR/LF inside strings, so the payload always fits on one `data:` line.
  const data = `data: ${JSON.stringify(event)}\n\n`;
  return options.id === false ? data : `id: ${event.event_id}\n${data}`;
}

/** The heartbeat comment frame, `: heartbeat <ISO-Z>\n\n`. */
export function formatHeartbeat(date: Date): string {
  return `: heartbeat ${date.toISOString()}\n\n`;
}

function malformed(reason: string): AppError {
  return new AppError('BadRequest', `Malformed public SSE frame: ${reason}.`);
}

/**
 * Parses exactly one SSE frame (the trailing blank line is optional) and validates its payload against
 * {@link PublicSseEventSchema}. Throws `BadRequest` for broken framing or JSON and `ValidationError`
 * (with the schema issues) for a payload that is not a public event.
 */
export function parseSseFrame(text: string): ParsedSseFrame {
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw malformed('empty frame');

  const comments: string[] = [];
  const data: string[] = [];
  let id: string | undefined;
  for (const line of lines) {
    if (line === '') throw malformed('more than one frame');
    if (line.startsWith(':')) {
      comments.push(line.slice(1).replace(/^ /, ''));
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id' && id === undefined) id = value;
    else throw malformed(field === 'id' ? 'repeated id field' : `unsupported field "${field}"`);
  }

  if (data.length === 0) {
    if (id !== undefined) throw malformed('id without data');
    return { type: 'comment', comment: comments.join('\n') };
  }

  let json: unknown;
  try {
    json = JSON.parse(data.join('\n'));
  } catch {
    throw malformed('data is not JSON');
  }
  const parsed = PublicSseEventSchema.safeParse(json);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
        message: issue.message,
        code: issue.code,
      })),
      'SSE frame is not a valid public_sse_v1 event.',
    );
  }
  if (id !== undefined && id !== String(parsed.data.event_id)) {
    throw malformed(`id ${id} does not match event_id ${parsed.data.event_id}`);
  }
  return { type: 'event', id: id === undefined ? null : parsed.data.event_id, event: parsed.data };
}
