/** Where a handler states until when its answer at asOf = now stays exact: not serialised. */
const VALID_UNTIL = Symbol('validUntil');

/**
 * Marks an answer at asOf = now as what a fresh read gives at every moment from its asOf until
 * `validUntil` (epoch ms, exclusive; see libs/projections' horizons): KeptAnswers then keeps it.
 */
export function exactUntil<T extends object>(answer: T, validUntil: number): T {
  Object.defineProperty(answer, VALID_UNTIL, { value: validUntil, enumerable: false });
  return answer;
}

/** The validity a handler stated for its answer; undefined when it stated none (the answer is then not exact past its asOf). */
export const validUntilOf = (answer: unknown): number | undefined =>
  answer !== null && typeof answer === 'object' ? ((answer as Record<symbol, unknown>)[VALID_UNTIL] as number | undefined) : undefined;
