import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { INDICATOR_DIRECTIONS, INDICATOR_UNITS, type IndicatorDirection, type IndicatorUnit } from '@rm/domain';
import { DateOrInstant, FiniteNumber, OptionalDateOrInstant, OptionalText, Slug, Text } from '../http/validators.js';

export class BaselineDto {
  @FiniteNumber(0) value: number;
  @DateOrInstant('2019-06-01') from: string;
  @DateOrInstant('2019-06-30') to: string;
  @Text(500, 'GMP crime recording returns, June 2019') source: string;
}

export class RegisterIndicatorRequest {
  @Slug('da-risk-assessment') id: string;
  @Text(200, 'Domestic abuse incidents awaiting risk assessment') name: string;
  @Text(2000, 'Incidents with no DASH risk assessment recorded') description: string;
  @ApiProperty({ enum: INDICATOR_UNITS }) @IsIn(INDICATOR_UNITS) unit: IndicatorUnit;
  @ApiProperty({ enum: INDICATOR_DIRECTIONS }) @IsIn(INDICATOR_DIRECTIONS) direction: IndicatorDirection;
  @ApiProperty({ type: BaselineDto }) @ValidateNested() @Type(() => BaselineDto) baseline: BaselineDto;
  @FiniteNumber(10) @Min(0) tolerance: number;
  @Text(200, 'Head of Public Protection') owner: string;
  @ApiProperty({ type: [Number], example: [1, 2], description: 'inspection questions 1-6 the indicator serves' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(6, { each: true })
  questions: number[];
}

export class ReviseBaselineRequest {
  @ApiProperty({ type: BaselineDto }) @ValidateNested() @Type(() => BaselineDto) baseline: BaselineDto;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) tolerance?: number;
  @Text(2000, 'Baseline re-measured over May-June 2019') reason: string;
}

export class RecordFigureRequest {
  @ApiPropertyOptional({ description: 'your id for the figure; one is made from the request when absent' })
  @OptionalText(100) figureId?: string;
  @FiniteNumber(686) value: number;
  @DateOrInstant('2019-11-01') effectiveAt: string;
  @Text(500, 'HMICFRS fieldwork') source: string;
  @OptionalText(2000) note?: string;
}

export class CorrectFigureRequest {
  @FiniteNumber(604) value: number;
  @Text(2000, 'Late-found legacy crimes added after reconciliation') reason: string;
}

export class AssessRiskRequest {
  @DateOrInstant('2019-11-01') assessedAt: string;
  @ApiProperty({ example: 40 }) @IsInt() @Min(0) high: number;
  @ApiProperty({ example: 200 }) @IsInt() @Min(0) medium: number;
  @ApiProperty({ example: 446 }) @IsInt() @Min(0) standard: number;
  @Text(4000, 'DASH grades from a sample of the backlog') rationale: string;
}

export class SetThresholdRequest {
  @Text(100, 'da-over-100-days') thresholdId: string;
  @ApiProperty({ enum: ['level', 'growth', 'age'] }) @IsIn(['level', 'growth', 'age']) kind: 'level' | 'growth' | 'age';
  @FiniteNumber(100) limit: number;
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() @Min(1) @Max(3660) windowDays?: number;
  @OptionalDateOrInstant('2019-11-01', 'evaluated only on figures effective from then') inForceFrom?: string;
}

export class RetireThresholdRequest {
  @OptionalText(2000) reason?: string;
}

export class BacklogItemLineDto {
  @Text(200, 'DA-2019-001234') ref: string;
  @ApiProperty({ enum: ['opened', 'graded', 'cleared'] }) @IsIn(['opened', 'graded', 'cleared']) event: 'opened' | 'graded' | 'cleared';
  @DateOrInstant('2019-07-20T09:15:00Z') at: string;
  @ApiPropertyOptional({ enum: ['high', 'medium', 'standard'] }) @IsOptional() @IsIn(['high', 'medium', 'standard']) risk?: 'high' | 'medium' | 'standard';
}

export class RecordItemsRequest {
  @ApiProperty({ type: [BacklogItemLineDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => BacklogItemLineDto)
  items: BacklogItemLineDto[];
}
