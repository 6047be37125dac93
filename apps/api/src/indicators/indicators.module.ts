import { Module } from '@nestjs/common';
import { IndicatorCommandHandler } from './indicator.handler.js';
import { IndicatorsController } from './indicators.controller.js';

@Module({ controllers: [IndicatorsController], providers: [IndicatorCommandHandler] })
export class IndicatorsModule {}
