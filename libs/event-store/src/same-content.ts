import { isDeepStrictEqual } from 'node:util';

/** jsonb drops key order and normalises numbers: compare as parsed JSON, not as text. */
export function sameContent(stored: unknown, given: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(given)));
}
