/* global module */
/**
 * The dependency rules of the tree, checked by test/architecture/dependency-rules.spec.ts (in
 * `npm test`) and by `npm run -s deps`. docs/architecture.md explains the layout they keep.
 * Specs, `testing/` folders and the test/ and bench/ trees are not production code: they may open
 * databases and drive apps, so the rules below look at production sources only.
 */
const NOT_PRODUCTION = '(\\.spec\\.ts$|/testing/|^test/|^bench/)';
const START_LAZY_PACKAGES = '(^|/)node_modules/(pg|jose|openid-client|csv-parse|jstat|@kurrent/kurrentdb-client)/';
const SQL_PACKAGES = '(^|/)node_modules/(pg|@electric-sql/pglite|typeorm|pg-copy-streams|pg-query-stream)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds the pure deciders: it imports nothing outside itself, no other lib, no framework, no database, not even node built-ins.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: NOT_PRODUCTION },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries serve the apps; an app is never a library of another lib.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      comment: 'An app depends on libs only: what two apps share lives in a lib (libs/config, libs/auth, ...).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'config-imports-only-domain',
      comment: 'Every app, worker and CLI command reads libs/config: it stays light, sharing constants only through the pure domain (no read models, no database drivers).',
      severity: 'error',
      from: { path: '^libs/config/src/', pathNot: NOT_PRODUCTION },
      to: { path: '^libs/', pathNot: '^libs/(config|domain)/src/' },
    },
    {
      name: 'only-adapters-and-projections-touch-sql',
      comment: "SQL drivers and the ORM belong to the event store's adapters (libs/event-store/src/postgres, kurrentdb) and to the projections (libs/projections).",
      severity: 'error',
      from: { pathNot: `(^libs/event-store/src/(postgres|kurrentdb)/|^libs/projections/src/|${NOT_PRODUCTION})` },
      to: { path: SQL_PACKAGES },
    },
    {
      name: 'start-loads-only-what-it-needs',
      comment:
        'Packages no request needs before the app listens are imported where first used (await import), so that every start does not load them (bench:start). The KurrentDB adapter is itself loaded that way.',
      severity: 'error',
      from: { pathNot: `(^libs/event-store/src/kurrentdb/|${NOT_PRODUCTION})` },
      to: { path: START_LAZY_PACKAGES, dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'internal-imports-resolve',
      comment: 'A relative or @rm/ import that does not resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^(\\.|@rm/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|data|test/architecture/fixtures)/' },
    // Type-only imports count: a type from another app is a dependency on that app all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
