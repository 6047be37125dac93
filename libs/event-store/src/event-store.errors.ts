import type { ExpectedRevision } from './event-store.port.js';

/** Base of every error the store raises; `code` is stable for the HTTP layer. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Current revision of the stream, or undefined when it does not exist. */
    readonly actual: bigint | undefined,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual === undefined ? 'no stream' : String(actual)}`);
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_INPUT';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** An event id already in the stream with different content, or a retry that only partly matches. */
export class EventIdConflict extends EventStoreError {
  readonly code = 'EVENT_STORE.EVENT_ID_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    detail: string,
  ) {
    super(`stream ${streamId}, event ${eventId}: ${detail}`);
  }
}
