import type { Database, EventStore } from '@rm/event-store';
import type { ReadDatabase } from '../database/read-database.js';
import { groupLeases } from './group-leases.js';
import { soleProcessLease, type LeaseProvider } from './lease.js';
import type { ProjectionFault } from './projection-faults.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, readProgress, type RunnerOptions } from './projection-runner.js';

/** Projections leased and applied together, with their own checkpoints; `weight` is their rough share of the work. */
export interface ProjectionGroup {
  readonly name: string;
  readonly weight: number;
  readonly projections: readonly Projection[];
}

export interface GroupsOptions extends RunnerOptions {
  /** The groups this process may take (PROJECTION_GROUPS); every group by default. */
  selected?: readonly string[];
  /** One runner for every group: the embedded database has one connection, so separate runners would only take turns. */
  together?: boolean;
}

/** A runner and the groups it applies: one group each, or all of them together. */
interface Unit {
  groups: readonly ProjectionGroup[];
  runner: ProjectionRunner;
}

/** Where a group stands in this process, and who holds its lease. */
export interface GroupStatus {
  name: string;
  projections: string[];
  heldHere: boolean;
  holder: string | undefined;
}

/**
 * Every projection group of one read-model schema: a runner per group, each with its own lease
 * and checkpoints, started for the groups this process may take; the others are only watched
 * through the stored checkpoints. The read models include a position once every group has
 * applied it, so `position` is the lowest checkpoint over all groups.
 */
export class ProjectionGroups {
  readonly projections: readonly Projection[];
  private readonly units: Unit[];
  private readonly runnable: Unit[];

  constructor(
    store: EventStore,
    private readonly read: ReadDatabase,
    readonly groups: readonly ProjectionGroup[],
    private readonly lease: LeaseProvider,
    options: GroupsOptions = {},
  ) {
    const names = groups.map((g) => g.name);
    const selected = new Set(options.selected ?? names);
    for (const name of selected) if (!names.includes(name)) throw new Error(`PROJECTION_GROUPS: "${name}" is not a projection group; the groups are ${names.join(', ')}`);
    this.projections = groups.flatMap((g) => g.projections);
    this.units = options.together
      ? [{ groups, runner: new ProjectionRunner(store, read, this.projections, lease, options) }]
      : groups.map((g) => ({ groups: [g], runner: new ProjectionRunner(store, read, g.projections, lease, { ...options, leaseKey: g.name }) }));
    this.runnable = options.together ? this.units : this.units.filter((u) => selected.has(u.groups[0].name));
  }

  get position(): bigint {
    return this.units.reduce((min, u) => (u.runner.position < min ? u.runner.position : min), this.units[0]?.runner.position ?? 0n);
  }

  /** True while this process holds every group: its own checkpoints are then the latest. */
  get leaseHeld(): boolean {
    return this.units.every((u) => u.runner.leaseHeld);
  }

  /** The groups this process projects now. */
  get heldGroups(): string[] {
    return this.units.filter((u) => u.runner.leaseHeld).flatMap((u) => u.groups.map((g) => g.name));
  }

  get faults(): ProjectionFault[] {
    return this.units.flatMap((u) => u.runner.faults);
  }

  faultBefore(position: bigint): ProjectionFault | undefined {
    for (const u of this.units) {
      const fault = u.runner.faultBefore(position);
      if (fault) return fault;
    }
    return undefined;
  }

  start(): void {
    for (const u of this.runnable) u.runner.start();
  }

  /** Stops every runner and lets go of the leases for good. */
  async stop(): Promise<void> {
    await Promise.all(this.units.map((u) => u.runner.stop()));
    await this.lease.close?.();
  }

  /** Runs this process's groups until each has applied the log up to `target` (the head by default). */
  async catchUp(target?: bigint): Promise<void> {
    await Promise.all(this.runnable.map((u) => u.runner.catchUp(target)));
  }

  /** True once every group includes `position`; for a process that projects every group (see `leaseHeld`). */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return (await Promise.all(this.units.map((u) => u.runner.waitFor(position, timeoutMs)))).every(Boolean);
  }

  /** The stored checkpoints and faults of the groups this process does not hold; one read for all. */
  async refreshCheckpoints(): Promise<void> {
    const stored = await readProgress(this.read.db);
    await Promise.all(this.units.map((u) => u.runner.refreshCheckpoints(stored)));
  }

  async status(): Promise<GroupStatus[]> {
    const held = new Set(this.heldGroups);
    const names = this.groups.map((g) => g.name);
    const holders = this.lease.holders ? await this.lease.holders(this.read.db, names) : new Map(names.filter((n) => held.has(n)).map((n) => [n, `this process (${process.pid})`]));
    return this.groups.map((g) => ({ name: g.name, projections: g.projections.map((p) => p.name), heldHere: held.has(g.name), holder: holders.get(g.name) }));
  }
}

/**
 * The groups as a process serves them: on a PostgreSQL server each group under its own lease,
 * shared out among the processes that run projections; on the embedded database one process
 * holds them all, in one runner.
 */
export function projectionGroupsFor(store: EventStore, read: ReadDatabase, database: Database, groups: readonly ProjectionGroup[], options: GroupsOptions & { leaseRetryMs?: number } = {}): ProjectionGroups {
  if (database.kind === 'embedded' || !database.clientConfig) return new ProjectionGroups(store, read, groups, soleProcessLease, { ...options, together: true });
  const candidateFor = options.selected ?? groups.map((g) => g.name);
  const lease = groupLeases(database.clientConfig, { scope: read.schema, groups, candidateFor, retryMs: options.leaseRetryMs });
  return new ProjectionGroups(store, read, groups, lease, options);
}
