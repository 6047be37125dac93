import { ApiClient, momentQuery, type ConnectionOptions, type MomentOptions } from './api-client.js';
import { table } from './table.js';

export interface ReplayOptions extends ConnectionOptions, MomentOptions {
  json?: boolean;
}

interface Moment {
  asOf: string;
  knownAt: string;
  position: string;
}
type Row = Record<string, unknown>;

/**
 * An inspector's replay: the scorecard, every indicator's position and the overdue actions at one
 * (asOf, knownAt), all three pinned to the position of the first answer so they agree.
 */
export async function replay(options: ReplayOptions): Promise<string> {
  const api = new ApiClient(options, 'inspector');
  const scorecard = await api.json<Moment & { questions: Row[] }>('/api/scorecard', momentQuery(options));
  const pinned = { asOf: options.asOf, knownAt: options.knownAt, position: scorecard.position };
  const [indicators, actions] = await Promise.all([
    api.json<Moment & { indicators: Row[] }>('/api/indicators', pinned),
    api.json<Moment & { actions: Row[] }>('/api/actions', pinned),
  ]);
  const overdue = actions.actions.filter((a) => a.overdue === true);
  if (options.json) return JSON.stringify({ scorecard, indicators, overdueActions: { ...actions, actions: overdue } }, null, 2);
  const out: string[] = [];
  out.push(`Replay as of ${scorecard.asOf}, known at ${scorecard.knownAt}, log position ${scorecard.position}\n`);
  out.push('Scorecard\n');
  out.push(table(['question', 'status', 'title', 'evidence'], scorecard.questions.map((q) => [q.question, q.status, q.title, q.evidence])));
  out.push('\nIndicators\n');
  out.push(
    table(
      ['indicator', 'value', 'effectiveAt', 'baseline', 'tolerance', 'gap', 'peak', 'recoveredShare', 'withinTolerance'],
      indicators.indicators.map((i) => [
        i.id, i.value, day(i.effectiveAt), (i.baseline as Row).value, i.tolerance, i.gap, i.peak, i.recoveredShare, i.withinTolerance,
      ]),
    ),
  );
  out.push(`\nOverdue actions (${overdue.length})\n`);
  out.push(
    table(
      ['plan', 'action', 'owner', 'status', 'dueDate', 'originalDueDate', 'slips', 'daysSlipped', 'percent'],
      overdue.map((a) => [a.planId, a.actionId, a.owner, a.status, a.dueDate, a.originalDueDate, a.slips, a.daysSlipped, a.percent]),
    ),
  );
  return out.join('\n');
}

const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : value);
