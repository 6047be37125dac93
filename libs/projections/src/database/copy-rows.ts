import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pgCopyStreams from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** COPY ... FROM STDIN over the transaction's own connection (PostgreSQL server only). */
export type CopyRows = (table: string, columns: readonly string[], text: string) => Promise<void>;

interface PgClient {
  query(stream: NodeJS.WritableStream): NodeJS.WritableStream;
}

export function copyRowsOver(manager: EntityManager): CopyRows {
  return async (table, columns, text) => {
    const client = (await manager.queryRunner!.connect()) as PgClient;
    const copy = client.query(pgCopyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from([text]), copy);
  };
}
