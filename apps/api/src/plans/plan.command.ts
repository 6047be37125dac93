import { Command } from '@nestjs/cqrs';
import type { RecoveryPlanCommand } from '@rm/domain';
import type { CommandContext } from '../commands/command-context.js';
import type { WriteResult } from '../commands/command-runner.js';

/** Any command on one recovery plan's stream, as the programme office sent it. */
export class ExecutePlanCommand extends Command<WriteResult> {
  constructor(
    readonly planId: string,
    readonly command: RecoveryPlanCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
