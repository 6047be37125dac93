import type { ProjectionMethod } from './fit.js';
import type { Direction } from './projection.js';

interface FormulaInput {
  method: ProjectionMethod;
  direction: Direction;
  baseline: number;
  tolerance: number;
  windowDays: number;
  asOfDay: string;
  n: number;
}

/** The method in words, with this answer's numbers, so that a reader can redo it in a spreadsheet. */
export function formulaOf(f: FormulaInput): string {
  const lower = f.direction !== 'higher-is-better';
  const points =
    `Points: the figures (after corrections) effective in the ${f.windowDays} days up to asOf, one per UTC day (the day's last figure), ` +
    `x = days from ${f.asOfDay} (x ≤ 0), y = value; here n = ${f.n}; fewer than 4 points give no projection.`;
  const fit =
    f.method === 'ols'
      ? 'Fit: ordinary least squares, b = Sxy/Sxx, a = ȳ − b·x̄, ŷ(x) = a + b·x; s = √(Σ(y − ŷ)²/(n−2)); ' +
        '80 % band ŷ ± t·s·√(1 + 1/n + (x−x̄)²/Sxx) with t the Student-t 0.90 quantile at n−2 degrees of freedom.'
      : 'Fit: Theil–Sen, b = median of the pairwise slopes (yj−yi)/(xj−xi), a = median of y − b·x; ' +
        'range: the 10th and 90th percentile slopes (PERCENTILE.INC), each with intercept median(y − slope·x).';
  const level = `Target level L = baseline ${lower ? '+' : '−'} tolerance = ${f.baseline} ${lower ? '+' : '−'} ${f.tolerance}; recovered when ${lower ? '≤' : '≥'} L.`;
  const search =
    `Return: the first whole day x in 1..730 after ${f.asOfDay} with ŷ(x) recovered; earliest and latest: the same on the two edges, the sooner first; ` +
    'status: returned, insufficient-data, not-returning (slope not towards L), then on-track, at-risk or off-track against the target date, else no-target. ' +
    'Pace: required = (L − value) / days to the target date; actual = b.';
  return [points, fit, level, search].join(' ');
}
