import type { DomainCommand } from '../index.js';

/** During HMICFRS fieldwork, autumn 2019. */
export const NOW = '2019-11-15T09:00:00.000Z';

/** A typed command builder for one aggregate's command union. */
export const commandBuilder =
  <All extends DomainCommand>() =>
  <T extends All['type']>(
    type: T,
    data: Extract<All, { type: T }>['data'],
    now: string = NOW,
  ): Extract<All, { type: T }> =>
    ({ type, data, now }) as Extract<All, { type: T }>;
