import { Command } from '@nestjs/cqrs';
import type { PartnerCommand } from '@rm/domain';
import type { CommandContext } from '../commands/command-context.js';
import type { WriteResult } from '../commands/command-runner.js';

/** Any command on one partner's stream, as the programme office sent it. */
export class ExecutePartnerCommand extends Command<WriteResult> {
  constructor(
    readonly partnerId: string,
    readonly command: PartnerCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
