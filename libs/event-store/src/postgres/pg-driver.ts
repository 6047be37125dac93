import type pg from 'pg';

let loaded: Promise<typeof pg> | undefined;

/**
 * node-postgres, loaded by the first connection to a server rather than on import: the embedded
 * database never needs it, and loading it showed in every embedded start (bench:start).
 */
export function loadPg(): Promise<typeof pg> {
  return (loaded ??= import('pg').then(({ default: driver }) => {
    // pg would turn bigint into a float; positions and revisions must stay exact. Dates stay calendar dates.
    driver.types.setTypeParser(driver.types.builtins.INT8, (v) => v);
    driver.types.setTypeParser(driver.types.builtins.DATE, (v) => v);
    return driver;
  }));
}
