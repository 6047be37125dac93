import { Module } from '@nestjs/common';
import { WorkforceCommandHandler } from './workforce.handler.js';
import { WorkforceController } from './workforce.controller.js';

@Module({ controllers: [WorkforceController], providers: [WorkforceCommandHandler] })
export class WorkforceModule {}
