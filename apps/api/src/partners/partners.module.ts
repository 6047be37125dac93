import { Module } from '@nestjs/common';
import { PartnerCommandHandler } from './partner.handler.js';
import { PartnersController } from './partners.controller.js';
import { PartnersReadController } from './partners-read.controller.js';

@Module({ controllers: [PartnersController, PartnersReadController], providers: [PartnerCommandHandler] })
export class PartnersModule {}
