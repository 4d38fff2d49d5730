import { AppError, type EmailSender, type Logger } from '@starter/contracts';
import { createTransport } from 'nodemailer';
import { isEmailAddress, normalizeEmailMessage } from './email-message.js';

export interface SmtpEmailSenderOptions {
  /**
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). Query
   * parameters are nodemailer options, e.g. `?pool=false` or `?socketTimeout=60000`.
   */
  url: string;
  /** Default sender address. */
  from: string;
  logger?: Logger;
}

// Bounded waits so that a stuck relay fails a request instead of hanging it; the pool reuses connections.
const DEFAULT_PARAMS: Record<string, string> = {
  pool: 'true',
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
};

/** Creates the production email sender: SMTP through a pooled nodemailer transport. */
export function createSmtpEmailSender(options: SmtpEmailSenderOptions): EmailSender {
  const { from, logger } = options;
  if (!isEmailAddress(from)) {
    throw new AppError('InternalServerError', 'Email sender address is not valid.');
  }
  const transport = createTransport(withDefaults(options.url));
  let closed = false;

  return {
    provider: 'smtp',

    async send(message) {
      if (closed) throw new AppError('ServiceUnavailable', 'Email sender is closed.');
      const normalized = normalizeEmailMessage(message, from);
      try {
        const info = await transport.sendMail(normalized);
        const rejected = Array.isArray(info.rejected) ? info.rejected.length : 0;
        logger?.info(
          { provider: 'smtp', messageId: info.messageId, recipients: normalized.to.length, rejected },
          'email.sent',
        );
        return { messageId: info.messageId, provider: 'smtp' };
      } catch (error) {
        // The nodemailer error names the failing command and reply code; it never carries the URL.
        logger?.warn({ provider: 'smtp', ...smtpFailureFields(error) }, 'email.failed');
        throw new AppError('BadGateway', 'Email delivery failed.', { cause: error });
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      transport.close();
    },
  };
}

function withDefaults(rawUrl: string): string {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    // No cause: the URL parser's error repeats the input, password included.
    throw new AppError('InternalServerError', 'SMTP URL is not a valid URL.');
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new AppError('InternalServerError', 'SMTP URL must be smtp:// or smtps:// with a host.');
  }
  for (const [name, value] of Object.entries(DEFAULT_PARAMS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.toString();
}

function smtpFailureFields(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return {};
  const { code, command, responseCode } = error as {
    code?: unknown;
    command?: unknown;
    responseCode?: unknown;
  };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    // Only the verb (`AUTH PLAIN`, `DATA`): never anything an argument could carry.
    ...(typeof command === 'string' && /^[A-Za-z ]{1,24}$/.test(command) ? { command } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
  };
}
