import { Module } from '@nestjs/common';
import { PlanCommandHandler } from './plan.handler.js';
import { PlansController } from './plans.controller.js';
import { PlansReadController } from './plans-read.controller.js';

@Module({ controllers: [PlansController, PlansReadController], providers: [PlanCommandHandler] })
export class PlansModule {}
