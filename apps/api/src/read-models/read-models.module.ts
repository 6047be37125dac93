import { Global, Module } from '@nestjs/common';
import { ReadModels } from './read-models.service.js';
import { TimeTravelResolver } from './time-travel.request.js';

@Global()
@Module({ providers: [ReadModels, TimeTravelResolver], exports: [ReadModels, TimeTravelResolver] })
export class ReadModelsModule {}
