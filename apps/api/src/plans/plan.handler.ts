import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recoveryPlanDecider, recoveryPlanStream } from '@rm/domain';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { ExecutePlanCommand } from './plan.command.js';

@CommandHandler(ExecutePlanCommand)
export class PlanCommandHandler implements ICommandHandler<ExecutePlanCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ planId, command, context }: ExecutePlanCommand): Promise<WriteResult> {
    return this.runner.run(recoveryPlanDecider, recoveryPlanStream(planId), command, context);
  }
}
