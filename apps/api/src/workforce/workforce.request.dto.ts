import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DateOrInstant, FiniteNumber, OptionalText, Text } from '../http/validators.js';

export class RecordSurveyRequest {
  @ApiPropertyOptional({ description: 'your id for the survey; one is made from the request when absent' })
  @OptionalText(100) surveyId?: string;
  @DateOrInstant('2019-12-01') date: string;
  @ApiProperty({ example: 412, minimum: 1 }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) respondents: number;
  @FiniteNumber(38.5) @Min(0) @Max(100) confidentPercent: number;
}

export class RecordTrainingRequest {
  @ApiPropertyOptional({ description: 'your id for the training; one is made from the request when absent' })
  @OptionalText(100) trainingId?: string;
  @DateOrInstant('2019-11-20') date: string;
  @Text(500, 'Crime recording standards for call handlers') topic: string;
  @ApiProperty({ example: 60, minimum: 0 }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) attendees: number;
}

export class RecordSupportMeasureRequest {
  @ApiPropertyOptional({ description: 'your id for the support measure; one is made from the request when absent' })
  @OptionalText(100) measureId?: string;
  @DateOrInstant('2019-11-25') date: string;
  @Text(200, 'Crime recording helpdesk') title: string;
  @Text(4000, 'A helpdesk staffed by the force crime registrar for officers unsure how to record') description: string;
}
