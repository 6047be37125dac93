import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@rm/config';

const ROOT = join(import.meta.dirname, '../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

function compose(file: string): Record<string, Service> {
  const doc = parse(readFileSync(join(ROOT, 'docker', file), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  return doc.services;
}

/** The environment as the process would get it: values as strings, `${VAR:?...}` given a value. */
const envOf = (service: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 's'.repeat(40))]));

const ours = (services: Record<string, Service>) => Object.entries(services).filter(([, s]) => s.build !== undefined);
const isWorker = (s: Service) => s.command?.join(' ').includes('apps/worker') ?? false;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}

describe.each(['compose.yml', 'compose.postgres.yml'])('docker/%s', (file) => {
  const services = compose(file);

  it('gives our services only variables the app configuration knows, and a configuration it accepts', () => {
    expect(ours(services).length).toBeGreaterThan(0);
    for (const [name, service] of ours(services)) {
      const env = envOf(service);
      expect({ name, unknown: Object.keys(env).filter((k) => !(CONFIG_VARIABLES as readonly string[]).includes(k)) }).toEqual({ name, unknown: [] });
      expect(() => loadConfig(env)).not.toThrow();
    }
  });

  it('runs two API processes with projections off and two workers, on PostgreSQL', () => {
    const apps = ours(services);
    const apis = apps.filter(([, s]) => !isWorker(s));
    const workers = apps.filter(([, s]) => isWorker(s));
    expect(apis).toHaveLength(2);
    expect(workers).toHaveLength(2);
    for (const [, api] of apis) expect(envOf(api).PROJECTIONS).toBe('off');
    for (const [, s] of apps) expect(envOf(s).DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(services.postgres.image).toMatch(/^postgres:/);
  });

  it('gives every service a health check, workers on their WORKER_HEALTH_PORT, and waits on healthy dependencies', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        expect(condition).toBe('service_healthy');
      }
    }
    for (const [, worker] of ours(services).filter(([, s]) => isWorker(s)))
      expect(worker.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${envOf(worker).WORKER_HEALTH_PORT}/health`);
  });
});

describe('the two deployments', () => {
  it('docker/compose.yml keeps the log in a three-node KurrentDB cluster that every app service uses', () => {
    const services = compose('compose.yml');
    const nodes = Object.entries(services).filter(([, s]) => s.image?.includes('kurrentdb'));
    expect(nodes.map(([name]) => name).sort()).toEqual(['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']);
    for (const [, node] of nodes) expect(envOf(node).KURRENTDB_CLUSTER_SIZE).toBe('3');
    for (const [, s] of ours(services)) {
      expect(envOf(s).EVENT_STORE).toBe('kurrentdb');
      for (const [name] of nodes) expect(envOf(s).KURRENTDB_URL).toContain(`${name}:2113`);
      for (const [name] of nodes) expect(Object.keys(s.depends_on ?? {})).toContain(name);
    }
  });

  it('docker/compose.postgres.yml has no KurrentDB at all', () => {
    const services = compose('compose.postgres.yml');
    expect(Object.values(services).filter((s) => s.image?.includes('kurrent'))).toEqual([]);
    for (const [, s] of ours(services)) expect(envOf(s).EVENT_STORE ?? 'postgres').toBe('postgres');
  });

  it('the configuration list names every variable the apps read', () => {
    const read = new Set<string>();
    // testing/ and tooling/ (developer commands such as migration:generate) are not the product's configuration.
    const product = (f: string) => !relative(ROOT, f).split('/').some((part) => part === 'testing' || part === 'tooling');
    for (const file of ['apps', 'libs'].flatMap((d) => sources(join(ROOT, d))).filter(product))
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) read.add(name);
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((n) => !(CONFIG_VARIABLES as readonly string[]).includes(n))).toEqual([]);
  });
});
