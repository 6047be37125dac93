import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { indicatorDecider, indicatorStream } from '@rm/domain';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ExecuteIndicatorCommand } from './indicator.command.js';

@CommandHandler(ExecuteIndicatorCommand)
export class IndicatorCommandHandler implements ICommandHandler<ExecuteIndicatorCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ indicatorId, command, context }: ExecuteIndicatorCommand): Promise<WriteResult> {
    return this.runner.run(indicatorDecider, indicatorStream(indicatorId), command, context);
  }
}
