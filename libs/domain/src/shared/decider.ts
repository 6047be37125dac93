/** A plain JSON value: what event data may contain (no Date, no undefined). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A domain event as persisted: a frozen `type` literal and plain JSON `data`. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * A command. `now` is the ISO 8601 instant at which the application layer received it:
 * the domain never reads a clock.
 */
export interface DomainCommand<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly now: string;
}

/**
 * Three pure functions: fold events into state with `evolve`, turn a command into new
 * events with `decide` (an empty array means the command changes nothing).
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Folds events from the decider's initial state. */
export const foldEvents = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());

/** For the `default` of an exhaustive switch: a command type the decider does not know. */
export const unknownCommand = (command: never): never => {
  throw new TypeError(`unknown command type: ${(command as { type?: unknown })?.type}`);
};
