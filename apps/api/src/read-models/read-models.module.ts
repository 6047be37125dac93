import { Global, Module } from '@nestjs/common';
import { AnswerCache } from './answer-cache.js';
import { ReadModels } from './read-models.service.js';
import { TimeTravelResolver } from './time-travel.request.js';

@Global()
@Module({ providers: [ReadModels, TimeTravelResolver, AnswerCache], exports: [ReadModels, TimeTravelResolver, AnswerCache] })
export class ReadModelsModule {}
