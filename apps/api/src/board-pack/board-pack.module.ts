import { Module } from '@nestjs/common';
import { BoardPackController } from './board-pack.controller.js';

@Module({ controllers: [BoardPackController] })
export class BoardPackModule {}
