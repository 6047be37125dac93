import { Module } from '@nestjs/common';
import { ChangesReadController } from './changes-read.controller.js';

@Module({ controllers: [ChangesReadController] })
export class ChangesModule {}
