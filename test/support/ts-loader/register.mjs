// `node --import ./test/support/ts-loader/register.mjs file.ts`: runs the TypeScript sources
// directly (swc, as jest does), so that tests can start real app, CLI and worker processes.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
