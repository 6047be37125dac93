import {
  InvalidIdentifier,
  InvalidInspectionQuestions,
  InvalidOption,
  RequiredListMissing,
  RequiredTextMissing,
} from './shared.errors.js';

const SLUG = /^[a-z0-9-]{1,64}$/;

export const isNonNegativeInteger = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export const isNonNegativeFinite = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0;

export const isPercent = (n: unknown): n is number => isNonNegativeFinite(n) && n <= 100;

export const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new RequiredTextMissing(field);
  return value;
};

export const requireList = <T>(value: T[] | undefined, field: string): T[] => {
  if (!Array.isArray(value)) throw new RequiredListMissing(field);
  return value;
};

export const requireTexts = (values: string[] | undefined, field: string): string[] =>
  requireList(values, field).map((v, i) => requireText(v, `${field}[${i}]`));

export const requireOption = <T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T => {
  if (!allowed.includes(value as T)) throw new InvalidOption(field, value, allowed);
  return value as T;
};

/** Ids that become part of a stream name or a URL: 1–64 of a–z, 0–9 and dash. */
export const requireSlug = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !SLUG.test(value)) throw new InvalidIdentifier(field, value);
  return value;
};

export const requireSlugs = (values: string[] | undefined, field: string): string[] =>
  requireList(values, field).map((v, i) => requireSlug(v, `${field}[${i}]`));

export const INSPECTION_QUESTIONS = [1, 2, 3, 4, 5, 6] as const;
export type InspectionQuestion = (typeof INSPECTION_QUESTIONS)[number];

/** Inspection questions 1–6, each at most once; `nonEmpty` where at least one is needed. */
export const requireQuestions = (
  values: number[] | undefined,
  field: string,
  nonEmpty: boolean,
): number[] => {
  const questions = requireList(values, field);
  if (nonEmpty && questions.length === 0) {
    throw new InvalidInspectionQuestions(field, 'at least one inspection question is needed');
  }
  questions.forEach((q, i) => {
    if (!(INSPECTION_QUESTIONS as readonly number[]).includes(q)) {
      throw new InvalidInspectionQuestions(`${field}[${i}]`, 'must be a question from 1 to 6');
    }
    if (questions.indexOf(q) !== i) {
      throw new InvalidInspectionQuestions(`${field}[${i}]`, `question ${q} is listed twice`);
    }
  });
  return questions;
};
