import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Required text, trimmed of nothing, at most `max` characters. */
export const Text = (max = 2000, example?: string) =>
  applyDecorators(ApiProperty({ maxLength: max, example }), IsString(), IsNotEmpty(), MaxLength(max));

export const OptionalText = (max = 2000) => applyDecorators(ApiPropertyOptional({ maxLength: max }), IsOptional(), IsString(), MaxLength(max));

/** A finite number (JSON has no NaN; Infinity cannot arrive, but stay explicit). */
export const FiniteNumber = (example?: number) =>
  applyDecorators(ApiProperty({ type: Number, example }), IsNumber({ allowNaN: false, allowInfinity: false }));

/** 'YYYY-MM-DD' or an ISO 8601 instant with a zone; the domain checks the calendar, the range and the future. */
export const DateOrInstant = (example = '2019-11-15') =>
  applyDecorators(
    ApiProperty({ type: String, example, description: "'YYYY-MM-DD' (that day, UTC) or an ISO 8601 instant with Z or an offset, from 1900-01-01 to 2100-12-31" }),
    IsString(),
    Matches(DATE_OR_INSTANT, { message: "$property must be 'YYYY-MM-DD' or an ISO 8601 instant with a zone" }),
  );

/** An optional effective date: absent means the moment the command is recorded. */
export const OptionalDateOrInstant = (example: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, example, description: `${description}; 'YYYY-MM-DD' or an ISO 8601 instant with a zone; default: when it is recorded; never in the future` }),
    IsOptional(),
    IsString(),
    Matches(DATE_OR_INSTANT, { message: "$property must be 'YYYY-MM-DD' or an ISO 8601 instant with a zone" }),
  );

export const Slug = (example: string) =>
  applyDecorators(
    ApiProperty({ example, pattern: SLUG.source }),
    IsString(),
    Matches(SLUG, { message: '$property must be 1-64 lower-case letters, digits and dashes' }),
  );
