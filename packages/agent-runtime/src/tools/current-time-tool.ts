import { z } from 'zod';
import { defineFunctionTool } from './define-function-tool.js';

/** Formats an instant as `YYYY-MM-DD HH:MM:SS UTC` (§6.1). */
export function formatUtcTimestamp(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The `get_current_time` function tool; the clock is injected so tests and replays are deterministic. */
export function createCurrentTimeTool(clock: () => Date = () => new Date()) {
  return defineFunctionTool({
    name: 'get_current_time',
    description: 'Returns the current date and time in UTC as "YYYY-MM-DD HH:MM:SS UTC".',
    parameters: z.object({}),
    execute: () => formatUtcTimestamp(clock()),
  });
}
