import { DEFAULT_SCORECARD_RULES, type ScorecardRules } from '@rm/projections';

/**
 * SCORECARD_RULES: JSON overriding any of the default thresholds, e.g.
 * {"q1":{"freshDays":14},"q4":{"green":0.9}}. Unknown keys and non-numbers are refused.
 */
export function scorecardRulesFromEnv(text: string | undefined): ScorecardRules {
  if (!text) return DEFAULT_SCORECARD_RULES;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    throw new Error('SCORECARD_RULES: must be JSON');
  }
  const rules = structuredClone(DEFAULT_SCORECARD_RULES) as unknown as Record<string, Record<string, number>>;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error('SCORECARD_RULES: must be a JSON object');
  for (const [question, values] of Object.entries(given)) {
    if (!(question in rules) || typeof values !== 'object' || values === null) throw new Error(`SCORECARD_RULES.${question}: unknown question (q1-q6)`);
    for (const [key, value] of Object.entries(values)) {
      if (!(key in rules[question])) throw new Error(`SCORECARD_RULES.${question}.${key}: unknown rule; known: ${Object.keys(rules[question]).join(', ')}`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`SCORECARD_RULES.${question}.${key}: must be a non-negative number`);
      rules[question][key] = value;
    }
  }
  return rules as unknown as ScorecardRules;
}
