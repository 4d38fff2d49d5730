import { AppError, isAppError } from '@starter/contracts';

interface SdkErrorShape {
  name?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/** The HTTP status an AWS SDK error carries, if any. */
export function s3StatusOf(error: unknown): number | undefined {
  const status = shapeOf(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** True when S3 says the object does not exist (GetObject's NoSuchKey, HeadObject's bare 404). */
export function isS3ObjectMissing(error: unknown): boolean {
  const name = shapeOf(error).name;
  if (name === 'NoSuchKey' || name === 'NotFound') return true;
  return s3StatusOf(error) === 404 && name !== 'NoSuchBucket';
}

/**
 * Maps an S3 failure to an `AppError`. The message and details carry only the operation, the S3 error
 * name and the status: never the endpoint, the bucket credentials or a signed URL.
 */
export function toS3StorageError(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const rawName = shapeOf(error).name;
  const name = typeof rawName === 'string' ? rawName : 'UnknownError';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new AppError('GatewayTimeout', 'Object storage timed out.', {
      cause: error,
      details: { operation },
    });
  }
  const status = s3StatusOf(error);
  return new AppError('BadGateway', 'Object storage request failed.', {
    cause: error,
    details: { operation, error: name, ...(status === undefined ? {} : { status }) },
  });
}
