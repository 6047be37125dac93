import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PARTNER_KINDS, type PartnerKind } from '@rm/domain';
import { DateOrInstant, OptionalText, SLUG, Slug, Text } from '../http/validators.js';

export class RegisterPartnerRequest {
  @Slug('cps-north-west') id: string;
  @Text(200, 'Crown Prosecution Service, North West') name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) @IsIn(PARTNER_KINDS) kind: PartnerKind;
}

export class RecordEngagementRequest {
  @ApiPropertyOptional({ description: 'your id for the engagement; one is made from the request when absent' })
  @OptionalText(100) engagementId?: string;
  @DateOrInstant('2019-12-05') date: string;
  @Text(200, 'monthly liaison meeting') channel: string;
  @ApiProperty({ type: [String], example: ['domestic abuse backlog'], maxItems: 50 })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true })
  topics: string[];
  @ApiProperty({ type: [String], example: ['da-risk-assessment'], maxItems: 100, description: 'ids of the indicators discussed' })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Matches(SLUG, { each: true, message: 'each value in $property must be 1-64 lower-case letters, digits and dashes' })
  indicators: string[];
  @Text(4000, 'Shared the backlog position and the plan to grade every incident by February') summary: string;
}
