import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { workforceDecider, workforceStream } from '@rm/domain';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ExecuteWorkforceCommand } from './workforce.command.js';

@CommandHandler(ExecuteWorkforceCommand)
export class WorkforceCommandHandler implements ICommandHandler<ExecuteWorkforceCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ command, context }: ExecuteWorkforceCommand): Promise<WriteResult> {
    return this.runner.run(workforceDecider, workforceStream(), command, context);
  }
}
