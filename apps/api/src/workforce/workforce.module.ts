import { Module } from '@nestjs/common';
import { WorkforceCommandHandler } from './workforce.handler.js';
import { WorkforceController } from './workforce.controller.js';
import { WorkforceReadController } from './workforce-read.controller.js';

@Module({ controllers: [WorkforceController, WorkforceReadController], providers: [WorkforceCommandHandler] })
export class WorkforceModule {}
