import { Module } from '@nestjs/common';
import { IndicatorCommandHandler } from './indicator.handler.js';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsReadController } from './indicators-read.controller.js';

@Module({ controllers: [IndicatorsController, IndicatorsReadController], providers: [IndicatorCommandHandler] })
export class IndicatorsModule {}
