import { randomUUID } from 'node:crypto';
import { AppError, type EmailSender, type Logger } from '@starter/contracts';
import { domainOf, isEmailAddress, normalizeEmailMessage } from './email-message.js';

export interface LogEmailSenderOptions {
  logger: Logger;
  /** Default sender address. */
  from: string;
  /**
   * Also log the text body. Bodies carry one-time tokens (verification, password reset), so only
   * development turns this on.
   */
  includeBody?: boolean;
}

/** Creates the embedded email sender: it delivers nothing and logs `email.sent` for each message. */
export function createLogEmailSender(options: LogEmailSenderOptions): EmailSender {
  const { logger, from, includeBody = false } = options;
  if (!isEmailAddress(from)) {
    throw new AppError('InternalServerError', 'Email sender address is not valid.');
  }
  let closed = false;

  return {
    provider: 'log',

    async send(message) {
      if (closed) throw new AppError('ServiceUnavailable', 'Email sender is closed.');
      const normalized = normalizeEmailMessage(message, from);
      const messageId = `<${randomUUID()}@${domainOf(normalized.from)}>`;
      logger.info(
        {
          provider: 'log',
          messageId,
          from: normalized.from,
          to: normalized.to,
          subject: normalized.subject,
          ...(includeBody ? { text: normalized.text } : {}),
        },
        'email.sent',
      );
      return { messageId, provider: 'log' };
    },

    async close() {
      closed = true;
    },
  };
}
