import { randomUUID } from 'node:crypto';
import { AppError, type EmailMessage, type EmailSender } from '@starter/contracts';
import { normalizeEmailMessage } from '../email/email-message.js';

/** An email sender that keeps what it is given, for unit tests. */
export interface OutboxEmailSender extends EmailSender {
  /** Every message sent so far, checked like a real sender does and with `from` filled in. */
  readonly outbox: EmailMessage[];
}

/** Creates an in-memory sender whose `outbox` records each message in order. */
export function createOutboxEmailSender(options: { from?: string } = {}): OutboxEmailSender {
  const from = options.from ?? 'no-reply@example.test';
  const outbox: EmailMessage[] = [];
  let closed = false;
  return {
    provider: 'log',
    outbox,
    async send(message) {
      if (closed) throw new AppError('ServiceUnavailable', 'Email sender is closed.');
      outbox.push(normalizeEmailMessage(message, from));
      return { messageId: `<${randomUUID()}@outbox.test>`, provider: 'log' };
    },
    async close() {
      closed = true;
    },
  };
}
