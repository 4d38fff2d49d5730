/**
 * The closed set of error codes. Each code is also the `error` field of the spec §0 envelope, so the
 * names that the spec derives from HTTP statuses (BadRequest, NotFound, …) are codes here too.
 */
export const ERROR_STATUS = {
  BadRequest: 400,
  Unauthorized: 401,
  PaymentRequired: 402,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  Gone: 410,
  PreconditionFailed: 412,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  ValidationError: 422,
  Locked: 423,
  PreconditionRequired: 428,
  TooManyRequests: 429,
  InternalServerError: 500,
  NotImplemented: 501,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
} as const satisfies Record<string, number>;

/** Every error code an `AppError` may carry. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** HTTP statuses that error codes map to. */
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/** The HTTP status for an error code. */
export function statusForCode(code: ErrorCode): ErrorStatus {
  return ERROR_STATUS[code];
}

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).map(([code, status]) => [status, code]),
);

/**
 * The envelope `error` name for a bare HTTP status (spec §0): the matching code, or `HTTPException`
 * for statuses the table does not name.
 */
export function errorNameForStatus(status: number): ErrorCode | 'HTTPException' {
  return CODE_BY_STATUS.get(status) ?? 'HTTPException';
}

/** True when a string is one of the closed error codes. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
