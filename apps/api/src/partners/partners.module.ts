import { Module } from '@nestjs/common';
import { PartnerCommandHandler } from './partner.handler.js';
import { PartnersController } from './partners.controller.js';

@Module({ controllers: [PartnersController], providers: [PartnerCommandHandler] })
export class PartnersModule {}
