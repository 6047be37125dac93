import { DEFAULT_SCORECARD_RULES, type ScorecardRules } from '@rm/domain';
import { z } from 'zod';

/**
 * SCORECARD_RULES: JSON overriding any of the default thresholds, e.g.
 * {"q1":{"freshDays":14},"q4":{"green":0.9}}. Unknown keys and non-numbers are refused.
 */
export const scorecardRules = z
  .string()
  .optional()
  .transform((text, ctx): ScorecardRules => {
    if (!text) return DEFAULT_SCORECARD_RULES;
    let given: unknown;
    try {
      given = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
    const rules = structuredClone(DEFAULT_SCORECARD_RULES) as unknown as Record<string, Record<string, number>>;
    for (const [question, values] of Object.entries(given)) {
      if (!(question in rules) || typeof values !== 'object' || values === null) {
        ctx.addIssue({ code: 'custom', path: [question], message: 'unknown question (q1-q6)' });
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        if (!(key in rules[question])) ctx.addIssue({ code: 'custom', path: [question, key], message: `unknown rule; known: ${Object.keys(rules[question]).join(', ')}` });
        else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) ctx.addIssue({ code: 'custom', path: [question, key], message: 'must be a non-negative number' });
        else rules[question][key] = value;
      }
    }
    return rules as unknown as ScorecardRules;
  });
