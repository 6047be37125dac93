import { describeEventStore, migrate, openDatabase, openEventStore, redact } from '@rm/event-store';
import { rebuildReadModels } from '@rm/projections';
import cliProgress from 'cli-progress';
import type { AppConfig } from '../../api/src/config/app-config.js';
import { assertEmbeddedNotInUse } from './embedded-lock.js';

/** `rebuild`: every read model from the log into fresh tables, switched over when caught up. */
export async function rebuild(config: AppConfig): Promise<void> {
  if (!config.databaseUrl) await assertEmbeddedNotInUse(config.dataDir);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    await migrate(db.pool, config.schema);
    const store = await openEventStore(config, db, { listen: false });
    console.error(`rebuilding read models from ${describeEventStore(config)} into ${config.databaseUrl ? redact(config.databaseUrl) : config.dataDir}`);
    const bar = new cliProgress.SingleBar(
      { format: 'rebuild |{bar}| {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}', etaBuffer: 50, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(1, 0, { speed: 0 });
    const result = await rebuildReadModels(db, store, config.schema, ({ done, remaining }) => {
      bar.setTotal(Math.max(1, done + remaining));
      bar.update(done, { speed: Math.round(done / Math.max(0.001, (performance.now() - started) / 1000)) });
    });
    bar.stop();
    console.log(JSON.stringify({ rebuilt: true, fromGeneration: result.from, toGeneration: result.to, events: result.events, seconds: Math.round(result.seconds * 10) / 10 }));
    await store.close();
  } finally {
    await db.close();
  }
}
