import { Command } from '@nestjs/cqrs';
import type { WorkforceCommand } from '@rm/domain';
import type { CommandContext } from '../commands/command-context.js';
import type { WriteResult } from '../commands/command-runner.js';

/** Any command on the organisation's workforce stream, as the programme office sent it. */
export class ExecuteWorkforceCommand extends Command<WriteResult> {
  constructor(
    readonly command: WorkforceCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
