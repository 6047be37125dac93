import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  backlogItemDeciderFrom, backlogItemStream, DomainError, indicatorDecider, indicatorStream, itemFeedCommands,
  type BacklogItemEvent, type BacklogItemState, type RecordItemLines,
} from '@rm/domain';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ProblemException } from '../http/problem.js';
import { RecordBacklogItems } from './backlog-items.command.js';
import { OlderItems } from './older-items.js';

/** Items decided or written at once: enough to overlap round trips, few enough to leave the pool to requests. */
const ITEMS_AT_ONCE = 4;

const streamOf = (c: RecordItemLines) => backlogItemStream(c.data.indicatorId, c.data.ref);

async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(ITEMS_AT_ONCE, items.length) }, worker));
  return results;
}

/**
 * An item feed batch: checked against its indicator (registered), every line validated, and
 * every item decided before any is written, so a refused line writes none of the batch. Then
 * each item that changes is written to its own stream through the runner, which decides it
 * again on its latest state; only a concurrent write to the same item between the two can
 * refuse an item after others were written (a re-sent batch then completes, writing nothing twice).
 *
 * The answer names the last item the batch wrote (its stream and revision, the ETag) and the
 * highest position written, what `waitFor` needs; with nothing written, the last item named
 * (an older log's item without a stream of its own: its indicator's stream).
 * A batch has no single stream revision, so `If-Match` is taken only for a batch of one item.
 * An item of an older log, whose events are in the indicator's stream, continues from there.
 */
@CommandHandler(RecordBacklogItems)
export class BacklogItemsHandler implements ICommandHandler<RecordBacklogItems> {
  private readonly olderItems: OlderItems;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.olderItems = new OlderItems(store);
  }

  async execute({ command, context }: RecordBacklogItems): Promise<WriteResult> {
    const indicatorId = command.data.indicatorId;
    let indicator = await this.runner.current(indicatorDecider, indicatorStream(indicatorId));
    let items: RecordItemLines[];
    try {
      items = itemFeedCommands(command, indicator.state);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // The cache may predate the registration (written by another process): read again.
      indicator = await this.runner.current(indicatorDecider, indicatorStream(indicatorId), true);
      items = itemFeedCommands(command, indicator.state);
    }
    const older = await this.olderItems.of(indicatorId, indicator.state);
    const deciderOf = (c: RecordItemLines) => backlogItemDeciderFrom(older?.get(c.data.ref));
    if (items.length === 0) return { streamId: indicatorStream(indicatorId), revision: indicator.revision, position: indicator.position, changed: false };
    if (context.ifMatch !== undefined && items.length > 1)
      throw new ProblemException(400, 'HEADER.IF_MATCH_INVALID', 'Bad request', 'If-Match names one stream revision, and this batch writes one stream per item: send If-Match only with the lines of one item', [{ field: 'If-Match', message: 'only for a batch of one item' }]);
    const decided = await eachLimited(items, (c) => this.decide(c, older?.get(c.data.ref)));
    const changing = items.filter((_, i) => decided[i].length > 0 || context.ifMatch !== undefined);
    if (changing.length === 0) {
      const last = items[items.length - 1];
      const current = await this.runner.current(deciderOf(last), streamOf(last));
      // An item of an older log with no stream of its own yet: its events are the indicator's.
      if (current.revision === undefined) return { streamId: indicatorStream(indicatorId), revision: indicator.revision, position: indicator.position, changed: false };
      return { streamId: streamOf(last), revision: current.revision, position: current.position, changed: false };
    }
    const written = await eachLimited(changing, (c) => this.runner.run(deciderOf(c), streamOf(c), c, context, { streamLock: false }));
    const changed = written.filter((w) => w.changed);
    const last = changed[changed.length - 1] ?? written[written.length - 1];
    const position = written.reduce<bigint | undefined>((max, w) => (w.position !== undefined && (max === undefined || w.position > max) ? w.position : max), undefined);
    return { ...last, position, changed: changed.length > 0 };
  }

  /** The item's events, decided on its cached state, or on a fresh read when the cache's refuses. */
  private async decide(c: RecordItemLines, start: BacklogItemState | undefined): Promise<BacklogItemEvent[]> {
    const decider = backlogItemDeciderFrom(start);
    const cached = await this.runner.current(decider, streamOf(c));
    try {
      return decider.decide(c, cached.state);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return decider.decide(c, (await this.runner.current(decider, streamOf(c), true)).state);
    }
  }
}
