import { deciderSpec } from '@rm/testing';
import {
  BacklogItemAlreadyCleared,
  BacklogItemNotOpened,
  BacklogItemRiskNotApplicable,
  BacklogItemRiskRequired,
  backlogItemDecider,
  backlogItemDeciderFrom,
  EffectiveTimeInFuture,
  foldEvents,
  IndicatorNotFound,
  indicatorDecider,
  itemFeedCommands,
  InvalidOption,
  olderItemStates,
  RequiredListMissing,
  RequiredTextMissing,
  type BacklogItemEvent,
  type BacklogItemLine,
  type IndicatorEvent,
  type RecordItemLines,
  type RecordItems,
} from '../index.js';
import { daRegistered, NOW } from '../testing/indicator.fixtures.js';

const spec = deciderSpec(backlogItemDecider);
const indicatorId = 'da-risk-assessment';
const registered = foldEvents(indicatorDecider, [daRegistered]);

const batch = (...lines: BacklogItemLine[]): RecordItems => ({ type: 'RecordItems', data: { indicatorId, items: lines }, now: NOW });
/** The command on one item's stream: the batch's lines of that item. */
const item = (...lines: BacklogItemLine[]): RecordItemLines => {
  const [command, ...others] = itemFeedCommands(batch(...lines), registered);
  expect(others).toEqual([]);
  return command;
};

const opened = (ref: string, at: string): BacklogItemEvent => ({ type: 'BacklogItemOpened', data: { indicatorId, ref, at } });
const graded = (ref: string, at: string, risk: 'high' | 'medium' | 'standard'): BacklogItemEvent => ({
  type: 'BacklogItemGraded',
  data: { indicatorId, ref, at, risk },
});
const cleared = (ref: string, at: string): BacklogItemEvent => ({ type: 'BacklogItemCleared', data: { indicatorId, ref, at } });

const OPEN = { ref: 'DA-19-0712-0042', event: 'opened', at: '2019-07-12T08:10:00Z' } as const;
const GRADE = { ref: 'DA-19-0712-0042', event: 'graded', at: '2019-10-30', risk: 'high' } as const;
const CLEAR = { ref: 'DA-19-0712-0042', event: 'cleared', at: '2019-11-04' } as const;
const OTHER = { ref: 'DA-19-0801-0007', event: 'opened', at: '2019-08-01' } as const;

describe('backlog item decider: one stream per item', () => {
  it('opens, grades and clears an item in one batch', () => {
    spec
      .when(item(OPEN, GRADE, CLEAR))
      .then([opened(OPEN.ref, OPEN.at), graded(OPEN.ref, GRADE.at, 'high'), cleared(OPEN.ref, CLEAR.at)])
      .andRepeatingIsANoOp();
  });

  it('does not open an item twice, within a batch or across batches', () => {
    const second = { ...OPEN, at: '2019-07-13T09:00:00Z' };
    spec.when(item(OPEN, second)).then([opened(OPEN.ref, OPEN.at)]);
    spec.given([opened(OPEN.ref, OPEN.at)]).when(item(second)).thenNothing();
  });

  it('regrades an item whose risk changed', () => {
    const escalate = { ...GRADE, at: '2019-11-02', risk: 'high' } as const;
    spec
      .given([opened(OPEN.ref, OPEN.at), graded(OPEN.ref, '2019-10-30', 'medium')])
      .when(item(escalate))
      .then([graded(OPEN.ref, '2019-11-02', 'high')]);
  });

  it('is a no-op when the grade is unchanged', () => {
    spec
      .given([opened(OPEN.ref, OPEN.at), graded(OPEN.ref, GRADE.at, 'high')])
      .when(item({ ...GRADE, at: '2019-11-01' }))
      .thenNothing();
  });

  it('is a no-op when a whole feed is re-sent after a regrade and clearance', () => {
    const regrade = { ...GRADE, at: '2019-11-02', risk: 'medium' } as const;
    spec
      .given([opened(OPEN.ref, OPEN.at), graded(OPEN.ref, GRADE.at, 'high'), graded(OPEN.ref, regrade.at, 'medium'), cleared(OPEN.ref, CLEAR.at)])
      .when(item(OPEN, GRADE, regrade, CLEAR))
      .thenNothing();
  });

  it('is a no-op when clearing a cleared item', () => {
    spec
      .given([opened(OPEN.ref, OPEN.at), cleared(OPEN.ref, CLEAR.at)])
      .when(item({ ...CLEAR, at: '2019-11-05' }))
      .thenNothing();
  });

  it('refuses to clear or grade an item never opened, naming the line', () => {
    spec.when(item(CLEAR)).thenThrows(BacklogItemNotOpened, { field: 'items[0].ref', kind: 'rule', code: 'ITEM.NOT_OPENED' });
    spec.when(item(GRADE)).thenThrows(BacklogItemNotOpened);
  });

  it('refuses a new grade for a cleared item', () => {
    spec
      .given([opened(OPEN.ref, OPEN.at), cleared(OPEN.ref, CLEAR.at)])
      .when(item(GRADE))
      .thenThrows(BacklogItemAlreadyCleared, { field: 'items[0].ref', code: 'ITEM.ALREADY_CLEARED' });
  });

  it('names the line of the batch, not of the item, in an error', () => {
    const [, other] = itemFeedCommands(batch(OPEN, { ...OTHER, event: 'cleared' }), registered);
    spec.when(other).thenThrows(BacklogItemNotOpened, { field: 'items[1].ref' });
  });
});

describe('items of an older log, in the indicator stream', () => {
  const older: IndicatorEvent[] = [daRegistered, opened(OPEN.ref, OPEN.at), opened(OTHER.ref, OTHER.at), cleared(OTHER.ref, '2019-08-02')];
  const states = olderItemStates(older);
  const continued = (ref: string) => deciderSpec(backlogItemDeciderFrom(states.get(ref)));

  it('folds each item of the older stream', () => {
    expect([...states.keys()]).toEqual([OPEN.ref, OTHER.ref]);
    expect(states.get(OTHER.ref)).toEqual({ status: 'opened', openedAt: OTHER.at, gradings: [], clearedAt: '2019-08-02' });
  });

  it("continues an item's stream from its older state: a re-sent line is a no-op, the rules hold", () => {
    continued(OPEN.ref).when(item(OPEN)).thenNothing();
    continued(OPEN.ref).when(item(GRADE, CLEAR)).then([graded(OPEN.ref, GRADE.at, 'high'), cleared(OPEN.ref, CLEAR.at)]);
    continued(OTHER.ref).when(item({ ...GRADE, ref: OTHER.ref })).thenThrows(BacklogItemAlreadyCleared);
    continued('DA-new').when(item({ ...CLEAR, ref: 'DA-new' })).thenThrows(BacklogItemNotOpened);
  });
});

describe('itemFeedCommands: a batch as one command per item', () => {
  it('groups the lines by item, in order of first mention, each keeping its place in the batch', () => {
    const commands = itemFeedCommands(batch(OPEN, OTHER, GRADE), registered);
    expect(commands.map((c) => [c.data.ref, c.data.lines.map((l) => l.field)])).toEqual([
      [OPEN.ref, ['items[0]', 'items[2]']],
      [OTHER.ref, ['items[1]']],
    ]);
    expect(commands.every((c) => c.type === 'RecordItemLines' && c.now === NOW && c.data.indicatorId === indicatorId)).toBe(true);
  });

  it('reads the indicator, which holds no items, and refuses an unregistered one', () => {
    expect(Object.keys(registered)).not.toContain('items');
    expect(() => itemFeedCommands(batch(OPEN), indicatorDecider.initialState())).toThrow(IndicatorNotFound);
  });

  it('only flags item events found in an indicator stream of an older log', () => {
    const older: IndicatorEvent[] = [daRegistered, opened(OPEN.ref, OPEN.at), graded(OPEN.ref, GRADE.at, 'high')];
    expect(foldEvents(indicatorDecider, older)).toEqual({ ...registered, olderItemEvents: true });
  });

  const refuses = (items: BacklogItemLine[], error: new (...a: never[]) => Error, field: string) => {
    const command: RecordItems = { type: 'RecordItems', data: { indicatorId, items }, now: NOW };
    expect(() => itemFeedCommands(command, registered)).toThrow(expect.objectContaining({ constructor: error, field }));
  };

  it('validates every line before any item is decided', () => {
    refuses([{ ...OPEN, risk: 'high' }], BacklogItemRiskNotApplicable, 'items[0].risk');
    refuses([OPEN, { ref: GRADE.ref, event: 'graded', at: GRADE.at }], BacklogItemRiskRequired, 'items[1].risk');
    refuses([{ ...GRADE, risk: 'severe' as 'high' }], InvalidOption, 'items[0].risk');
    refuses([OPEN, { ...OPEN, event: 'reopened' as 'opened' }], InvalidOption, 'items[1].event');
    refuses([OPEN, { ...OPEN, at: '2019-11-20' }], EffectiveTimeInFuture, 'items[1].at');
    refuses([{ ...OPEN, ref: '' }], RequiredTextMissing, 'items[0].ref');
    refuses(undefined as unknown as BacklogItemLine[], RequiredListMissing, 'items');
  });

  it('treats an empty batch as no command', () => {
    expect(itemFeedCommands(batch(), registered)).toEqual([]);
  });
});
