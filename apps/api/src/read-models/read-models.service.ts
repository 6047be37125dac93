import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type Database, type EventStore } from '@rm/event-store';
import {
  activeGeneration, keepIndicatorFacts, PROJECTION_GROUPS, projectionGroupsFor, READ_MODEL_SCHEMA, ReadDatabase, readFaults, warmKeptFacts,
  type Generation, type ProjectionFault, type ProjectionGroups, type ReadDb,
} from '@rm/projections';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { DATABASE } from '../infrastructure/event-store.module.js';

interface Served {
  generation: Generation;
  read: ReadDatabase;
  /** Reads through indicator facts kept in memory per read position (every read is at a checkpoint or before). */
  db: ReadDb;
  runner: ProjectionGroups;
}

/**
 * The read models being served: the active generation's tables, kept up to date by the
 * projection runner in this process (single-process mode) or by workers (PROJECTIONS=off).
 * A rebuild moves the generation pointer; this notices within seconds and switches over.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private served: Served | undefined;
  private pointerPoll: NodeJS.Timeout | undefined;
  private checkpointsReadAt = 0;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.served = await this.open(await activeGeneration(this.database.pool, this.config.schema));
    this.pointerPoll = setInterval(() => void this.followPointer().catch((err) => this.logger.error(err)), 2000);
    this.pointerPoll.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pointerPoll);
    await this.close(this.served);
  }

  /**
   * Loads the kept facts at the read position in the background: the first read after start or
   * after a switch would otherwise wait for them (seconds at a million events). Called once the
   * app listens, so that start-up and /health never wait for it.
   */
  warm(): void {
    const served = this.served;
    if (!served) return;
    const started = performance.now();
    void (async () => {
      const position = await this.position();
      await warmKeptFacts(served.db, position);
      this.logger.log(`kept facts of generation ${served.generation.number} loaded at position ${position} in ${Math.round(performance.now() - started)} ms`);
    })().catch((err) => this.logger.warn(`warming the kept facts: ${(err as Error).message}`));
  }

  get db(): ReadDb {
    return this.current.db;
  }

  get runner(): ProjectionGroups {
    return this.current.runner;
  }

  get generation(): Generation {
    return this.current.generation;
  }

  get runsProjections(): boolean {
    return this.config.projections === 'in-process';
  }

  /**
   * True while this process applies every projection group. In the default mode every API process
   * runs the groups' runners, but each group is projected by one process at a time; a process
   * holding only some reads the others' checkpoints as stored.
   */
  private get projectsHere(): boolean {
    return this.runsProjections && this.runner.leaseHeld;
  }

  /** The position every read model includes; read from the shared checkpoints when another process projects. */
  async position(): Promise<bigint> {
    return this.positionKnown() ?? (await this.refreshedPosition());
  }

  /** The position as `position()` gives it, when that needs no read of the checkpoints (a kept answer then replies without a promise). */
  positionKnown(): bigint | undefined {
    return this.projectsHere || Date.now() - this.checkpointsReadAt <= 100 ? this.runner.position : undefined;
  }

  private async refreshedPosition(): Promise<bigint> {
    await this.runner.refreshCheckpoints();
    this.checkpointsReadAt = Date.now();
    return this.runner.position;
  }

  /** True once the read models include `position`; false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.projectsHere) return this.runner.waitFor(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.position()) >= position) return true;
      if (Date.now() >= deadline || this.runner.faultBefore(position)) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Projections that cannot apply an event: this process's own, or those the projecting process stored. */
  async faults(): Promise<ProjectionFault[]> {
    if (this.runsProjections && this.runner.leaseHeld) return this.runner.faults;
    return readFaults(this.db);
  }

  /** The fault that keeps the read models from ever including `position`, if any. */
  async faultBefore(position: bigint): Promise<ProjectionFault | undefined> {
    return (await this.faults()).find((f) => f.position <= position);
  }

  private get current(): Served {
    if (!this.served) throw new Error('read models are not open yet');
    return this.served;
  }

  private async open(generation: Generation): Promise<Served> {
    const read = await ReadDatabase.open(this.database, generation.schema, READ_MODEL_SCHEMA, Math.max(2, Math.ceil(this.config.poolSize / 2)));
    const runner = projectionGroupsFor(this.store, read, this.database, PROJECTION_GROUPS, {
      selected: this.config.projectionGroups,
      onError: (err) => this.logger.error(`projection runner: ${(err as Error).message}`),
    });
    await runner.refreshCheckpoints();
    if (this.runsProjections) runner.start();
    return { generation, read, db: keepIndicatorFacts(read.db), runner };
  }

  private async followPointer(): Promise<void> {
    const active = await activeGeneration(this.database.pool, this.config.schema);
    if (!this.served || active.number === this.served.generation.number) return;
    this.logger.log(`switching read models to generation ${active.number}`);
    const previous = this.served;
    this.served = await this.open(active);
    this.warm();
    await this.close(previous);
  }

  private async close(served: Served | undefined): Promise<void> {
    if (!served) return;
    await served.runner.stop();
    await served.read.close();
  }
}
