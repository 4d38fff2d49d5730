import { AppError, type EmailMessage } from '@starter/contracts';

/** A message after checks: one `from`, a non-empty recipient list, headers that cannot inject others. */
export interface NormalizedEmailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;
const NAMED_ADDRESS = /^([^<>\r\n"]*|"[^"\r\n]*")\s*<([^<>]+)>$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the sender derives itself; letting callers set them would allow spoofing or broken MIME.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'sender',
  'reply-to',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

/** True for `user@example.com` or `Display Name <user@example.com>`. */
export function isEmailAddress(value: string): boolean {
  if (typeof value !== 'string' || value.length > 320 || hasControlCharacter(value)) return false;
  const named = NAMED_ADDRESS.exec(value.trim());
  return ADDRESS.test(named?.[2] ?? value);
}

/** Checks a message and fills in the default sender; throws `BadRequest` on anything unsafe to send. */
export function normalizeEmailMessage(message: EmailMessage, defaultFrom: string): NormalizedEmailMessage {
  const from = message.from ?? defaultFrom;
  if (!isEmailAddress(from)) {
    throw new AppError('BadRequest', 'Email sender address is not valid.');
  }
  const to = typeof message.to === 'string' ? [message.to] : message.to;
  if (!Array.isArray(to) || to.length === 0 || to.length > 50) {
    throw new AppError('BadRequest', 'Email needs between 1 and 50 recipients.');
  }
  to.forEach((address, index) => {
    if (!isEmailAddress(address)) {
      throw new AppError('BadRequest', 'Email recipient address is not valid.', { details: { index } });
    }
  });
  if (
    typeof message.subject !== 'string' ||
    message.subject.length > 998 ||
    hasControlCharacter(message.subject)
  ) {
    throw new AppError('BadRequest', 'Email subject must be one line of at most 998 characters.');
  }
  if (typeof message.text !== 'string') {
    throw new AppError('BadRequest', 'Email needs a text body.');
  }
  const normalized: NormalizedEmailMessage = {
    from,
    to: [...to],
    subject: message.subject,
    text: message.text,
  };
  if (message.html !== undefined) normalized.html = message.html;
  if (message.headers !== undefined) normalized.headers = normalizeHeaders(message.headers);
  return normalized;
}

function normalizeHeaders(headers: Record<string, string>): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new AppError('BadRequest', 'Email header name is not allowed.', {
        details: { header: name.slice(0, 64) },
      });
    }
    if (typeof value !== 'string' || hasControlCharacter(value) || value.length > 998) {
      throw new AppError('BadRequest', 'Email header value must be one line.', { details: { header: name } });
    }
    normalized[name] = value;
  }
  return normalized;
}

/** The domain of an address, for building Message-IDs (`localhost` when there is none). */
export function domainOf(address: string): string {
  const bare = NAMED_ADDRESS.exec(address.trim())?.[2] ?? address;
  return bare.slice(bare.lastIndexOf('@') + 1) || 'localhost';
}

// CR and LF would start a new header (injection); other controls have no business in one. Tab is folding
// whitespace, so it stays allowed.
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if ((code <= 0x1f && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}
