import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller.js';
import { RebuildController } from './rebuild.controller.js';

@Module({ controllers: [RebuildController, ProjectionsController] })
export class AdminModule {}
