import { randomBytes } from 'node:crypto';

/** A fresh id in OpenAI's style (`resp_…`, `msg_…`, `fc_…`, `call_…`). */
export function openAiId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}
