import { DataDirectoryInUse, describeEventStore, openStorage, redact } from '@rm/event-store';
import { rebuildReadModels } from '@rm/projections';
import cliProgress from 'cli-progress';
import type { AppConfig } from '@rm/config';

/** `rebuild`: every read model from the log into fresh tables, switched over when caught up. */
export async function rebuild(config: AppConfig): Promise<void> {
  const { db, store, close } = await openStorage({ ...config, poolSize: 4 }, { listen: false }).catch((err: unknown) => {
    if (err instanceof DataDirectoryInUse) err.message += ' (while the app runs, rebuild with POST /api/admin/rebuild)';
    throw err;
  });
  try {
    console.error(`rebuilding read models from ${describeEventStore(config)} into ${config.databaseUrl ? redact(config.databaseUrl) : config.dataDir}`);
    const bar = new cliProgress.SingleBar(
      { format: 'rebuild |{bar}| {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}', etaBuffer: 50, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(1, 0, { speed: 0 });
    // A projection that cannot apply an event ends the rebuild with its error (printed by main).
    const result = await rebuildReadModels(db, store, config.schema, ({ done, remaining }) => {
      bar.setTotal(Math.max(1, done + remaining));
      bar.update(done, { speed: Math.round(done / Math.max(0.001, (performance.now() - started) / 1000)) });
    }, undefined, (message) => console.error(`\n${message}`)).finally(() => bar.stop());
    console.log(JSON.stringify({ rebuilt: true, fromGeneration: result.from, toGeneration: result.to, events: result.events, seconds: Math.round(result.seconds * 10) / 10 }));
  } finally {
    await close();
  }
}
