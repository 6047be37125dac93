import type { Decider } from '@rm/domain';

type ErrorClass = abstract new (...args: never[]) => Error;

/** Properties the thrown error must also have, e.g. `{ field: 'points[2].date' }`. */
export type ErrorDetails = Partial<{ code: string; kind: string; field: string; message: string }>;

export interface DeciderOutcome {
  /** The command emits exactly these events (in order); they must be plain JSON. */
  then(expected: readonly unknown[]): DeciderFollowUp;
  /** The command is a no-op: no events. */
  thenNothing(): void;
  /** The command is refused with this error class or stable `code`. */
  thenThrows(expected: ErrorClass | string, details?: ErrorDetails): void;
}

export interface DeciderFollowUp {
  /** Sending the same command again, after its events, emits nothing. */
  andRepeatingIsANoOp(): void;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
};

const catchError = (run: () => unknown[]): unknown => {
  let events: unknown[];
  try {
    events = run();
  } catch (error) {
    return error;
  }
  throw new Error(`expected an error, but the command emitted ${JSON.stringify(events)}`);
};

const outcome = <C, E, S>(decider: Decider<C, E, S>, given: readonly E[], command: C) => {
  // Frozen inputs turn any mutation by evolve or decide into a TypeError.
  deepFreeze(given);
  deepFreeze(command);
  const state = given.reduce(decider.evolve, decider.initialState());
  const run = () => decider.decide(command, state);

  const then = (expected: readonly unknown[]): DeciderFollowUp => {
    const events = run();
    expect(events).toStrictEqual(expected);
    expect(events).toStrictEqual(JSON.parse(JSON.stringify(events)));
    return {
      andRepeatingIsANoOp: () => {
        const after = events.reduce(decider.evolve, state);
        expect(decider.decide(command, after)).toStrictEqual([]);
      },
    };
  };

  const thenThrows = (expected: ErrorClass | string, details: ErrorDetails = {}): void => {
    const thrown = catchError(run);
    if (typeof expected === 'string') expect(thrown).toHaveProperty('code', expected);
    else expect(thrown).toBeInstanceOf(expected);
    expect(thrown).toMatchObject(details);
  };

  return { then, thenNothing: () => void then([]), thenThrows } satisfies DeciderOutcome;
};

/**
 * Given-when-then for a decider: `deciderSpec(d).given(events).when(command).then(events)`,
 * `.thenNothing()` or `.thenThrows(ErrorClass | 'CODE', { field })`. The given events and the
 * command are deep-frozen, so an impure evolve or decide fails the spec.
 *
 * The outcome has a `then` method, so never `await` or `return` it from a test.
 */
export const deciderSpec = <C, E, S>(decider: Decider<C, E, S>) => ({
  given: (events: readonly E[]) => ({
    when: (command: C): DeciderOutcome => outcome(decider, events, command),
  }),
  when: (command: C): DeciderOutcome => outcome(decider, [], command),
});
