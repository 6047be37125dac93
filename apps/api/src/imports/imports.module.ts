import { Module } from '@nestjs/common';
import { HistoryImportController } from './imports.controller.js';
import { ImportService } from './import.service.js';

@Module({ controllers: [HistoryImportController], providers: [ImportService], exports: [ImportService] })
export class ImportsModule {}
