import { Command } from '@nestjs/cqrs';
import type { IndicatorCommand } from '@rm/domain';
import type { CommandContext } from '../commands/command-context.js';
import type { WriteResult } from '../commands/command-runner.js';

/** Any command on one indicator's stream, as the programme office sent it. */
export class ExecuteIndicatorCommand extends Command<WriteResult> {
  constructor(
    readonly indicatorId: string,
    readonly command: IndicatorCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
