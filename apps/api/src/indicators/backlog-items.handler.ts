import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  backlogItemDeciderFrom, backlogItemStream, DomainError, indicatorDecider, indicatorStream, itemFeedCommands,
  type RecordItemLines,
} from '@rm/domain';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ProblemException } from '../http/problem.js';
import { RecordBacklogItems } from './backlog-items.command.js';
import { OlderItems } from './older-items.js';

const streamOf = (c: RecordItemLines) => backlogItemStream(c.data.indicatorId, c.data.ref);

/**
 * An item feed batch: checked against its indicator (registered), every line validated, every
 * item decided, and the items that change written to their own streams with one append of the
 * whole batch (the runner's `runMany`): a refused line writes none of the batch, and a
 * concurrent write to any of its items fails the whole append, which is then decided again on
 * fresh state. (On KurrentDB a multi-stream append is not atomic: there a failure can leave the
 * items before it written, and a re-sent batch completes, writing nothing twice.)
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
    if (context.ifMatch !== undefined) return this.runner.run(deciderOf(items[0]), streamOf(items[0]), items[0], context, { streamLock: false });
    const written = await this.runner.runMany(items.map((c) => ({ decider: deciderOf(c), streamId: streamOf(c), command: c })), context);
    const changed = written.filter((w) => w.changed);
    if (changed.length === 0) {
      const last = written[written.length - 1];
      // An item of an older log with no stream of its own yet: its events are the indicator's.
      if (last.revision === undefined) return { streamId: indicatorStream(indicatorId), revision: indicator.revision, position: indicator.position, changed: false };
      return last;
    }
    const position = changed.reduce<bigint | undefined>((max, w) => (w.position !== undefined && (max === undefined || w.position > max) ? w.position : max), undefined);
    return { ...changed[changed.length - 1], position, changed: true };
  }
}
