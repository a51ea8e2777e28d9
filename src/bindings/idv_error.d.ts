/** The one error class of idv-edge: every failure is an IdvError. */
export declare class IdvError extends Error {
  /** For test doubles: an IdvError with this message and no code. The SDK
   *  builds its own with every field set. */
  constructor(message?: string);
  readonly name: "IdvError";
  /** What went wrong, e.g. `"INVALID_ARGUMENT"`, `"UNAUTHORIZED"`, `"TIMEOUT"`. */
  readonly code: IdvErrorCode;
  readonly api: "caisson" | "goldstar";
  /** The HTTP status, where there was a response. */
  readonly status: number | undefined;
  /** May the same call succeed later? */
  readonly retryable: boolean;
  /** The argument or response field a validation error is about. */
  readonly field: string | undefined;
  /** Field names the server rejected (ASP.NET ModelState keys), never its messages. */
  readonly fields: string[];
  /** Caisson's own error_description / error_message for an error code.
   *  Not enumerable: JSON.stringify(err) and loggers leave it out. */
  readonly description: string | undefined;
  /** Retry-After as sent, in milliseconds. */
  readonly retryAfterMs: number | undefined;
}
