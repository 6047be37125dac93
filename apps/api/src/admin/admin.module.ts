import { Module } from '@nestjs/common';
import { RebuildController } from './rebuild.controller.js';

@Module({ controllers: [RebuildController] })
export class AdminModule {}
