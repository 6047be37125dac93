import { Module } from '@nestjs/common';
import { ChangesReadController } from './changes-read.controller.js';
import { PartnersWorkforceReadController } from './partners-workforce-read.controller.js';
import { IndicatorsReadController } from './indicators-read.controller.js';
import { PlansReadController } from './plans-read.controller.js';
import { ProjectionsReadController } from './projections-read.controller.js';
import { ScorecardReadController } from './scorecard-read.controller.js';

@Module({ controllers: [IndicatorsReadController, PlansReadController, PartnersWorkforceReadController, ScorecardReadController, ProjectionsReadController, ChangesReadController] })
export class QueriesModule {}
