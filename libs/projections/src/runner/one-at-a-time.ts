import type pg from 'pg';

export type SerialQuery = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/**
 * Queries on one client, each sent once the one before has settled. node-postgres still queues a
 * query sent while another runs, but deprecates it (an error from pg 9), and a lease connection
 * is shared by its timer and by every group's acquire and release.
 */
export function oneAtATime(client: pg.Client): SerialQuery {
  let last: Promise<unknown> = Promise.resolve();
  return <R extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
    const result = last.then(() => client.query<R>(text, params));
    last = result.catch(() => undefined);
    return result;
  };
}
