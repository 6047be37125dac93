import { Module } from '@nestjs/common';
import { BacklogItemsHandler } from './backlog-items.handler.js';
import { IndicatorCommandHandler } from './indicator.handler.js';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsReadController } from './indicators-read.controller.js';

@Module({ controllers: [IndicatorsController, IndicatorsReadController], providers: [IndicatorCommandHandler, BacklogItemsHandler] })
export class IndicatorsModule {}
