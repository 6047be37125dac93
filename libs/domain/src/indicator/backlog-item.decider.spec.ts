import { deciderSpec } from '@rm/testing';
import {
  BacklogItemAlreadyCleared,
  BacklogItemNotOpened,
  BacklogItemRiskNotApplicable,
  BacklogItemRiskRequired,
  EffectiveTimeInFuture,
  IndicatorNotFound,
  indicatorDecider,
  InvalidOption,
  RequiredListMissing,
  RequiredTextMissing,
  type BacklogItemLine,
  type IndicatorEvent,
} from '../index.js';
import { command, daRegistered } from '../testing/indicator.fixtures.js';

const spec = deciderSpec(indicatorDecider);
const indicatorId = 'da-risk-assessment';

const items = (...lines: BacklogItemLine[]) =>
  command('RecordItems', { indicatorId, items: lines });

const opened = (ref: string, at: string): IndicatorEvent => ({
  type: 'BacklogItemOpened',
  data: { indicatorId, ref, at },
});
const graded = (ref: string, at: string, risk: 'high' | 'medium' | 'standard'): IndicatorEvent => ({
  type: 'BacklogItemGraded',
  data: { indicatorId, ref, at, risk },
});
const cleared = (ref: string, at: string): IndicatorEvent => ({
  type: 'BacklogItemCleared',
  data: { indicatorId, ref, at },
});

const OPEN = { ref: 'DA-19-0712-0042', event: 'opened', at: '2019-07-12T08:10:00Z' } as const;
const GRADE = { ref: 'DA-19-0712-0042', event: 'graded', at: '2019-10-30', risk: 'high' } as const;
const CLEAR = { ref: 'DA-19-0712-0042', event: 'cleared', at: '2019-11-04' } as const;

describe('backlog item decider', () => {
  describe('RecordItems', () => {
    it('opens, grades and clears an item in one batch', () => {
      spec
        .given([daRegistered])
        .when(items(OPEN, GRADE, CLEAR))
        .then([
          opened(OPEN.ref, OPEN.at),
          graded(OPEN.ref, GRADE.at, 'high'),
          cleared(OPEN.ref, CLEAR.at),
        ])
        .andRepeatingIsANoOp();
    });

    it('does not open an item twice, within a batch or across batches', () => {
      const second = { ...OPEN, at: '2019-07-13T09:00:00Z' };
      spec
        .given([daRegistered])
        .when(items(OPEN, second))
        .then([opened(OPEN.ref, OPEN.at)]);
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at)])
        .when(items(second))
        .thenNothing();
    });

    it('regrades an item whose risk changed', () => {
      const escalate = { ...GRADE, at: '2019-11-02', risk: 'high' } as const;
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at), graded(OPEN.ref, '2019-10-30', 'medium')])
        .when(items(escalate))
        .then([graded(OPEN.ref, '2019-11-02', 'high')]);
    });

    it('is a no-op when the grade is unchanged', () => {
      const again = { ...GRADE, at: '2019-11-01' };
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at), graded(OPEN.ref, GRADE.at, 'high')])
        .when(items(again))
        .thenNothing();
    });

    it('is a no-op when a whole feed is re-sent after a regrade and clearance', () => {
      const regrade = { ...GRADE, at: '2019-11-02', risk: 'medium' } as const;
      const history = [
        daRegistered,
        opened(OPEN.ref, OPEN.at),
        graded(OPEN.ref, GRADE.at, 'high'),
        graded(OPEN.ref, regrade.at, 'medium'),
        cleared(OPEN.ref, CLEAR.at),
      ];
      spec
        .given(history)
        .when(items(OPEN, GRADE, regrade, CLEAR))
        .thenNothing();
    });

    it('is a no-op when clearing a cleared item', () => {
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at), cleared(OPEN.ref, CLEAR.at)])
        .when(items({ ...CLEAR, at: '2019-11-05' }))
        .thenNothing();
    });

    it('refuses to clear an item never opened', () => {
      spec.given([daRegistered]).when(items(CLEAR)).thenThrows(BacklogItemNotOpened, {
        field: 'items[0].ref',
        kind: 'rule',
        code: 'ITEM.NOT_OPENED',
      });
    });

    it('refuses to grade an item never opened', () => {
      spec.given([daRegistered]).when(items(GRADE)).thenThrows(BacklogItemNotOpened);
    });

    it('refuses a new grade for a cleared item', () => {
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at), cleared(OPEN.ref, CLEAR.at)])
        .when(items(GRADE))
        .thenThrows(BacklogItemAlreadyCleared, { field: 'items[0].ref' });
    });

    it('refuses the whole batch when one line is refused', () => {
      const other = { ref: 'DA-19-0801-0007', event: 'cleared', at: '2019-11-04' } as const;
      spec
        .given([daRegistered])
        .when(items(OPEN, other))
        .thenThrows(BacklogItemNotOpened, { field: 'items[1].ref' });
    });

    it('needs a risk to grade', () => {
      const { ref, at } = GRADE;
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at)])
        .when(items({ ref, at, event: 'graded' }))
        .thenThrows(BacklogItemRiskRequired, { field: 'items[0].risk' });
    });

    it('refuses a risk on a line that does not grade', () => {
      spec
        .given([daRegistered])
        .when(items({ ...OPEN, risk: 'high' }))
        .thenThrows(BacklogItemRiskNotApplicable, { field: 'items[0].risk' });
    });

    it('refuses an unknown risk or event', () => {
      const risk = 'severe' as 'high';
      spec
        .given([daRegistered, opened(OPEN.ref, OPEN.at)])
        .when(items({ ...GRADE, risk }))
        .thenThrows(InvalidOption, { field: 'items[0].risk' });
      const event = 'reopened' as 'opened';
      spec
        .given([daRegistered])
        .when(items({ ...OPEN, event }))
        .thenThrows(InvalidOption, { field: 'items[0].event' });
    });

    it('refuses an item time after the moment of recording', () => {
      spec
        .given([daRegistered])
        .when(items({ ...OPEN, at: '2019-11-20' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'items[0].at' });
    });

    it('needs a ref', () => {
      spec
        .given([daRegistered])
        .when(items({ ...OPEN, ref: '' }))
        .thenThrows(RequiredTextMissing, { field: 'items[0].ref' });
    });

    it('needs a list of items', () => {
      const batch = command('RecordItems', { indicatorId, items: undefined as unknown as [] });
      spec.given([daRegistered]).when(batch).thenThrows(RequiredListMissing, { field: 'items' });
    });

    it('treats an empty batch as a no-op', () => {
      spec.given([daRegistered]).when(items()).thenNothing();
    });

    it('refuses an unregistered indicator', () => {
      spec.when(items(OPEN)).thenThrows(IndicatorNotFound);
    });
  });
});
