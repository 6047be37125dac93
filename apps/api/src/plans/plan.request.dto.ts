import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DateOrInstant, FiniteNumber, OptionalDateOrInstant, SLUG, Slug, Text } from '../http/validators.js';

/** An action id travels in the path, so it is limited to characters a URL carries plainly. */
export const ACTION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export class CreatePlanRequest {
  @Slug('2019') id: string;
  @Text(200, 'Crime data integrity recovery plan') title: string;
  @Text(4000, 'Record every reported crime within 24 hours and clear the backlog') objective: string;
  @DateOrInstant('2020-06-30') targetDate: string;
}

export class AddActionRequest {
  @ApiProperty({ example: 'A1', maxLength: 100, pattern: ACTION_ID.source })
  @IsString() @Matches(ACTION_ID, { message: '$property must be 1-100 letters, digits and . _ : -' })
  actionId: string;
  @Text(200, 'Triage the domestic abuse backlog') title: string;
  @Text(200, 'Head of Public Protection') owner: string;
  @DateOrInstant('2020-01-31') dueDate: string;
  @ApiProperty({ type: [String], example: ['da-risk-assessment'], maxItems: 100, description: 'ids of the indicators the action moves' })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Matches(SLUG, { each: true, message: 'each value in $property must be 1-64 lower-case letters, digits and dashes' })
  indicators: string[];
  @ApiProperty({ type: [Number], example: [2], maxItems: 6, description: 'inspection questions 1-6 the action serves (may be empty)' })
  @IsArray() @ArrayMaxSize(6) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(6, { each: true })
  questions: number[];
  @Text(2000, 'No domestic abuse incident waits more than 24 hours for a DASH grade') successMeasure: string;
}

export class StartActionRequest {
  @DateOrInstant('2019-11-18') startedOn: string;
}

export class ReportProgressRequest {
  @FiniteNumber(40) @Min(0) @Max(100) percent: number;
  @Text(2000, '260 of 646 incidents graded') note: string;
  @DateOrInstant('2019-12-02') reportedOn: string;
}

export class RescheduleActionRequest {
  @DateOrInstant('2020-02-28') dueDate: string;
  @Text(2000, 'Staff redeployed to the Christmas campaign') reason: string;
  @OptionalDateOrInstant('2019-12-10', 'when the slip was decided: replays show it from then') decidedOn?: string;
}

export class CompleteActionRequest {
  @DateOrInstant('2020-02-20') completedOn: string;
  @Text(4000, 'Backlog report of 20 February shows no ungraded incident') evidence: string;
}

export class CancelActionRequest {
  @Text(2000, 'Superseded by action A4') reason: string;
  @OptionalDateOrInstant('2019-12-10', 'when the cancellation was decided') decidedOn?: string;
}

export class TrajectoryPointDto {
  @DateOrInstant('2020-01-31') date: string;
  @FiniteNumber(300) @Min(0) value: number;
}

export class SetTrajectoryRequest {
  @Slug('da-risk-assessment') indicatorId: string;
  @ApiProperty({ type: [TrajectoryPointDto], minItems: 1, maxItems: 1000, description: 'expected values, dates strictly increasing' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => TrajectoryPointDto)
  points: TrajectoryPointDto[];
}
