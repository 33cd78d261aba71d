// Typed store errors: each says what went wrong, where (store kind, key or file) and what to do about it.
import type { StoreKind } from "./store.js";

export interface StoreErrorContext {
  store: StoreKind;
  /** The operation that failed, e.g. "updateSession". */
  operation?: string;
  /** The Redis key, file or record the error is about. */
  target?: string;
}

export class StoreError extends Error {
  readonly context: StoreErrorContext;

  constructor(message: string, context: StoreErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    this.context = context;
  }
}

/** Something read back from the store is not what Drover wrote there (corrupt, or written by another version). */
export class StoreDataError extends StoreError {
  constructor(message: string, context: StoreErrorContext, options?: { cause?: unknown }) {
    super(message, context, options);
    this.name = "StoreDataError";
  }
}

/** The store could not be reached, or a command failed on the server. */
export class StoreUnavailableError extends StoreError {
  constructor(message: string, context: StoreErrorContext, options?: { cause?: unknown }) {
    super(message, context, options);
    this.name = "StoreUnavailableError";
  }
}

/** updateSession lost the race too many times in a row; the caller may retry the whole operation. */
export class StoreConflictError extends StoreError {
  constructor(message: string, context: StoreErrorContext) {
    super(message, context);
    this.name = "StoreConflictError";
  }
}

/** A caller broke the port's rules (e.g. an update changed the session's id). */
export class StoreUsageError extends StoreError {
  constructor(message: string, context: StoreErrorContext) {
    super(message, context);
    this.name = "StoreUsageError";
  }
}

/** The embedded store's file cannot be read or written. */
export class EmbeddedStoreFileError extends StoreError {
  readonly file: string;

  constructor(message: string, file: string, options?: { cause?: unknown }) {
    super(message, { store: "embedded", target: file }, options);
    this.name = "EmbeddedStoreFileError";
    this.file = file;
  }
}
