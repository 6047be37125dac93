import { redact } from '@rm/event-store';
import { createApp } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

const started = performance.now();
const config = loadConfig();
const app = await createApp(config);
await app.listen(config.port, config.host);
const where = config.databaseUrl ? `PostgreSQL at ${redact(config.databaseUrl)}` : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
console.log(`Recovery Monitor listening on http://localhost:${config.port} (${where}), ready in ${Math.round(performance.now() - started)} ms`);
