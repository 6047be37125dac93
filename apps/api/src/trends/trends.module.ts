import { Module } from '@nestjs/common';
import { ProjectionsReadController } from './trends-read.controller.js';

@Module({ controllers: [ProjectionsReadController] })
export class TrendsModule {}
