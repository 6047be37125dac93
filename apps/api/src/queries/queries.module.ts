import { Module } from '@nestjs/common';
import { ChangesReadController } from '../changes/changes-read.controller.js';
import { PartnersWorkforceReadController } from '../partners/partners-read.controller.js';
import { IndicatorsReadController } from '../indicators/indicators-read.controller.js';
import { PlansReadController } from '../plans/plans-read.controller.js';
import { ProjectionsReadController } from '../trends/trends-read.controller.js';
import { ScorecardReadController } from '../scorecard/scorecard-read.controller.js';

@Module({ controllers: [IndicatorsReadController, PlansReadController, PartnersWorkforceReadController, ScorecardReadController, ProjectionsReadController, ChangesReadController] })
export class QueriesModule {}
