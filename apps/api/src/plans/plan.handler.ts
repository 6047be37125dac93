import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { indicatorStream, LinkedIndicatorNotFound, recoveryPlanDecider, recoveryPlanStream } from '@rm/domain';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { CommandRunner, type WriteResult } from '../commands/command-runner.js';
import { SLUG } from '../http/validators.js';
import { ExecutePlanCommand } from './plan.command.js';

@CommandHandler(ExecutePlanCommand)
export class PlanCommandHandler implements ICommandHandler<ExecutePlanCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ planId, command, context }: ExecutePlanCommand): Promise<WriteResult> {
    const stream = recoveryPlanStream(planId);
    if (command.type === 'AddAction' && (await this.exists(stream))) await this.requireIndicators(command.data.indicators);
    return this.runner.run(recoveryPlanDecider, stream, command, context);
  }

  /** Indicators are other streams, which the decider cannot see: checked here, before deciding. */
  private async requireIndicators(indicators: unknown): Promise<void> {
    if (!Array.isArray(indicators)) return; // the decider names the bad field
    for (const [i, id] of indicators.entries())
      if (typeof id === 'string' && SLUG.test(id) && !(await this.exists(indicatorStream(id)))) throw new LinkedIndicatorNotFound(id, i);
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
