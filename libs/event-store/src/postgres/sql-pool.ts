/** The part of a pg.Pool the adapter uses, so that embedded PGlite can stand in for a server pool. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number | null;
}

export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<R>>;
}

export interface SqlPoolClient extends SqlClient {
  release(): void;
}

export interface SqlPool extends SqlClient {
  /** A client of its own until released: every query of a transaction must go through it. */
  connect(): Promise<SqlPoolClient>;
  end(): Promise<void>;
}
