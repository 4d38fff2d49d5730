/** Spec §10.1 exception fields of a log line. */
export interface ExceptionFields {
  exc_type: string;
  exc_message: string;
  exc_traceback: string | null;
}

/** Describes a thrown value for the log only: these fields must never reach a response body. */
export function exceptionFields(error: unknown): ExceptionFields {
  if (error instanceof Error) {
    return {
      exc_type:
        error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name,
      exc_message: error.message,
      exc_traceback: error.stack ?? null,
    };
  }
  return { exc_type: typeof error, exc_message: String(error), exc_traceback: null };
}
