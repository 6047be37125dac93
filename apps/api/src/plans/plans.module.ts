import { Module } from '@nestjs/common';
import { PlanCommandHandler } from './plan.handler.js';
import { PlansController } from './plans.controller.js';

@Module({ controllers: [PlansController], providers: [PlanCommandHandler] })
export class PlansModule {}
