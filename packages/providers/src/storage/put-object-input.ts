import { AppError, type PutObjectOptions } from '@starter/contracts';

/** The body, content type and metadata of a put, checked and normalised the same way by every adapter. */
export interface PutObjectInput {
  bytes: Uint8Array;
  contentType: string;
  metadata: Record<string, string>;
}

/** S3 caps user metadata at 2 KB; the local adapter keeps the same cap so code behaves alike on both. */
export const MAX_METADATA_BYTES = 2048;

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:\\s*;[\\x20-\\x7e]*)?$`);
const METADATA_KEY = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
const METADATA_VALUE = /^[\x20-\x7e]*$/;

/** Checks and normalises a put: string bodies become UTF-8, metadata keys are lower-cased (as S3 does). */
export function normalizePutObjectInput(
  body: Uint8Array | string,
  options: PutObjectOptions = {},
): PutObjectInput {
  const isText = typeof body === 'string';
  const bytes = isText ? new TextEncoder().encode(body) : body;
  if (!(bytes instanceof Uint8Array)) {
    throw new AppError('BadRequest', 'Object body must be a string or bytes.');
  }
  const contentType =
    options.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/octet-stream');
  return {
    bytes,
    contentType: assertValidContentType(contentType),
    metadata: normalizeMetadata(options.metadata),
  };
}

/** Returns the content type when it is a plain `type/subtype[; params]` header value, else throws. */
export function assertValidContentType(contentType: string): string {
  if (typeof contentType !== 'string' || contentType.length > 255 || !CONTENT_TYPE.test(contentType)) {
    throw new AppError('BadRequest', 'Content type must be a valid media type.');
  }
  return contentType;
}

function normalizeMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const normalized: Record<string, string> = {};
  if (metadata === undefined) return normalized;
  let bytes = 0;
  for (const [rawKey, value] of Object.entries(metadata)) {
    const key = rawKey.toLowerCase();
    if (!METADATA_KEY.test(key)) {
      throw new AppError('BadRequest', 'Metadata keys must be letters, digits, ".", "_" or "-".', {
        details: { key: rawKey.slice(0, 128) },
      });
    }
    if (typeof value !== 'string' || !METADATA_VALUE.test(value)) {
      throw new AppError('BadRequest', 'Metadata values must be printable ASCII strings.', {
        details: { key },
      });
    }
    if (Object.hasOwn(normalized, key)) {
      throw new AppError('BadRequest', 'Metadata keys must be unique ignoring case.', { details: { key } });
    }
    normalized[key] = value;
    bytes += key.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new AppError('BadRequest', `Metadata must be at most ${MAX_METADATA_BYTES} bytes.`);
  }
  return normalized;
}
