import { Command } from '@nestjs/cqrs';
import type { RecordItems } from '@rm/domain';
import type { CommandContext } from '../commands/command-context.js';
import type { WriteResult } from '../commands/command-runner.js';

/** A batch of an indicator's item-level feed: one write per item named in it. */
export class RecordBacklogItems extends Command<WriteResult> {
  constructor(
    readonly command: RecordItems,
    readonly context: CommandContext,
  ) {
    super();
  }
}
