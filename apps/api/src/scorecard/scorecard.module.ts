import { Module } from '@nestjs/common';
import { ScorecardReadController } from './scorecard-read.controller.js';

@Module({ controllers: [ScorecardReadController] })
export class ScorecardModule {}
