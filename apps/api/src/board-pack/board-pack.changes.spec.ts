import { changesBetween, restatementsOf } from './board-pack.changes.js';
import type { BoardAction } from './board-pack.model.js';

const fig = (figureId: string, value: number, day: string) => ({ figureId, value, effectiveAt: new Date(`${day}T00:00:00Z`) });
const action = (over: Partial<BoardAction> = {}): BoardAction => ({
  planId: 'p', actionId: 'a', title: 'A', owner: 'o', status: 'started', dueDate: '2019-11-30', originalDueDate: '2019-11-30', slips: 0, daysSlipped: 0, overdue: false, percent: null, ...over,
});

describe('board pack changes (pure)', () => {
  it('restatements: corrected figures and back-filled days up to since; later figures are news', () => {
    const since = new Date('2019-11-15T23:59:59.999Z');
    const then = [fig('oct-18', 0, '2019-10-18'), fig('nov-08', 410, '2019-11-08')];
    const now = [fig('oct-18', 604, '2019-10-18'), fig('nov-08', 410, '2019-11-08'), fig('nov-01', 540, '2019-11-01'), fig('nov-22', 180, '2019-11-22')];
    expect(restatementsOf({ id: 'legacy', name: 'Legacy' }, since, then, now)).toEqual([
      { indicatorId: 'legacy', name: 'Legacy', figureId: 'oct-18', effectiveAt: '2019-10-18T00:00:00.000Z', from: 0, to: 604 },
      { indicatorId: 'legacy', name: 'Legacy', figureId: 'nov-01', effectiveAt: '2019-11-01T00:00:00.000Z', from: null, to: 540 },
    ]);
  });

  it('actions: completed, slipped (from the due date at since) and newly overdue between the two reads', () => {
    const before = [action({ actionId: 'done' }), action({ actionId: 'slip' }), action({ actionId: 'late', dueDate: '2019-12-01' }), action({ actionId: 'still', overdue: true })];
    const after = [
      action({ actionId: 'done', status: 'completed' }),
      action({ actionId: 'slip', dueDate: '2020-02-28', slips: 1, daysSlipped: 90 }),
      action({ actionId: 'late', dueDate: '2019-12-01', overdue: true }),
      action({ actionId: 'still', overdue: true }),
    ];
    const c = changesBetween('2019-11-15T23:59:59.999Z', { indicators: [], actions: before }, { indicators: [], actions: after });
    expect(c.completed.map((a) => a.actionId)).toEqual(['done']);
    expect(c.slipped).toEqual([{ planId: 'p', actionId: 'slip', title: 'A', from: '2019-11-30', to: '2020-02-28', days: 90 }]);
    expect(c.newlyOverdue.map((a) => a.actionId)).toEqual(['late']);
  });
});
