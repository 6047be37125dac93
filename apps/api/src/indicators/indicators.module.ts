import { Module } from '@nestjs/common';
import { BacklogItemsHandler } from './backlog-items.handler.js';
import { IndicatorCommandHandler } from './indicator.handler.js';
import { IndicatorsController } from './indicators.controller.js';

@Module({ controllers: [IndicatorsController], providers: [IndicatorCommandHandler, BacklogItemsHandler] })
export class IndicatorsModule {}
