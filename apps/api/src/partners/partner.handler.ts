import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider, partnerStream } from '@rm/domain';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ExecutePartnerCommand } from './partner.command.js';

@CommandHandler(ExecutePartnerCommand)
export class PartnerCommandHandler implements ICommandHandler<ExecutePartnerCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ partnerId, command, context }: ExecutePartnerCommand): Promise<WriteResult> {
    return this.runner.run(partnerDecider, partnerStream(partnerId), command, context);
  }
}
