import { z } from 'zod';

/** A text variable: unset takes the fallback (an empty value stays empty, as the shell gave it). */
export const text = (fallback: string) => z.string().optional().transform((value) => value ?? fallback);

/**
 * An integer variable from `min` to `max`. Unset takes the fallback, and so does an empty value
 * unless `emptyIsDefault` is false (then it reads as 0, as `Number('')` does).
 */
export function integer<F extends number | undefined>(fallback: F, min: number, max: number, rule: string, { emptyIsDefault = true } = {}) {
  return z
    .string()
    .optional()
    .transform((value, ctx): number | F => {
      if (value === undefined || (value === '' && emptyIsDefault)) return fallback;
      const n = Number(value);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `${rule}, got "${value}"` });
      return z.NEVER;
    });
}

/** One of `choices`; unset takes the fallback, and so does an empty value when `emptyIsDefault`. */
export function choice<const C extends readonly string[]>(choices: C, fallback: C[number], { emptyIsDefault }: { emptyIsDefault: boolean }) {
  return z
    .string()
    .optional()
    .transform((value, ctx): C[number] => {
      if (value === undefined || (value === '' && emptyIsDefault)) return fallback;
      if (choices.includes(value)) return value;
      ctx.addIssue({ code: 'custom', message: `must be ${choices.map((c) => `"${c}"`).join(' or ')}, got "${value}"` });
      return z.NEVER;
    });
}

/** `NAME: rule`, or `NAME.key: rule` inside a JSON variable: the variable at fault and the rule it broke. */
export const issueLine = (issue: z.core.$ZodIssue) => `${issue.path.map(String).join('.')}: ${issue.message}`;
