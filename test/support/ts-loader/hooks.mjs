import { transformSync } from '@swc/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';

const root = new URL('../../../', import.meta.url);
const ALIASES = {
  '@rm/event-store/testing': 'libs/event-store/src/testing/index.ts',
  '@rm/domain': 'libs/domain/src/index.ts',
  '@rm/event-store': 'libs/event-store/src/index.ts',
  '@rm/testing': 'libs/testing/src/index.ts',
  '@rm/projections': 'libs/projections/src/index.ts',
  '@rm/forecasting': 'libs/forecasting/src/index.ts',
  '@rm/config': 'libs/config/src/index.ts',
  '@rm/auth': 'libs/auth/src/index.ts',
};
const SWC = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export async function resolve(specifier, context, next) {
  if (ALIASES[specifier]) return { url: new URL(ALIASES[specifier], root).href, shortCircuit: true };
  if (/^\.\.?\//.test(specifier) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const ts = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(await readFile(filename, 'utf8'), { ...SWC, filename });
  return { format: 'module', source: code, shortCircuit: true };
}
