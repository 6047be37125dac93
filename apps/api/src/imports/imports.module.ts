import { Module } from '@nestjs/common';
import { FiguresImportController } from './figures-import.controller.js';
import { HistoryImportController } from './imports.controller.js';
import { ImportService } from './import.service.js';

@Module({ controllers: [HistoryImportController, FiguresImportController], providers: [ImportService], exports: [ImportService] })
export class ImportsModule {}
