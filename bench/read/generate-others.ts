/** The plan, partner and workforce streams of the read benchmark's log, one simulated day at a time. */
import { CHANNELS, DAY, dayText, iso, PARTNER_KINDS } from './shapes.js';
import type { Pending } from './generate.js';

export type Add = (p: Pending) => Promise<void>;
export type Known = (ms: number, lagHours: number) => number;

/** Four recovery plans, each with trajectories and 25 actions started, reported on, rescheduled, completed or cancelled. */
export async function planDay(d: number, t: number, plans: { id: string; day: number }[], indicators: string[], rnd: () => number, add: Add, schedule: (ms: number, p: Pending) => void, known: Known) {
  for (const [n, plan] of plans.entries()) {
    const stream = `recoveryPlan-${plan.id}`;
    const k = known(t, 10);
    if (d === plan.day) {
      await add({ stream, type: 'RecoveryPlanCreated', known: k, data: { planId: plan.id, title: `Recovery plan ${n + 1}`, objective: 'Return every backlog to its pre-go-live baseline', targetDate: dayText(t + 540 * DAY) } });
      for (let j = 0; j < 6; j++) {
        const indicatorId = indicators[(n * 6 + j) % indicators.length];
        const points = Array.from({ length: 12 }, (_, m) => ({ date: dayText(t + (m + 1) * 30 * DAY), value: Math.round(200 * (1 - m / 14)) }));
        await add({ stream, type: 'TrajectorySet', known: k + j, data: { planId: plan.id, indicatorId, points } });
      }
    }
    const a = d - plan.day;
    if (a < 0 || a >= 25) continue;
    const actionId = `${plan.id}-a${String(a + 1).padStart(2, '0')}`;
    const due = t + (90 + Math.floor(rnd() * 150)) * DAY;
    await add({ stream, type: 'RecoveryActionAdded', known: k + 1, data: {
      planId: plan.id, actionId, title: `Action ${a + 1} of plan ${n + 1}`, owner: 'Chief Inspector, Crime Management',
      dueDate: dayText(due), indicators: [indicators[(n * 7 + a) % indicators.length], indicators[(n * 7 + a + 1) % indicators.length]],
      questions: [3], successMeasure: 'Backlog back within tolerance for four consecutive weeks' } });
    if (rnd() < 0.05) {
      schedule(t + 20 * DAY, { stream, type: 'RecoveryActionCancelled', known: t + 20 * DAY + 3_600_000, data: { planId: plan.id, actionId, reason: 'Merged into another action' } });
      continue;
    }
    const startedOn = t + (5 + Math.floor(rnd() * 15)) * DAY;
    schedule(startedOn, { stream, type: 'RecoveryActionStarted', effective: iso(startedOn), known: known(startedOn, 9), data: { planId: plan.id, actionId, startedOn: dayText(startedOn) } });
    const done = startedOn + (60 + Math.floor(rnd() * 240)) * DAY;
    for (let on = startedOn + 14 * DAY, pct = 10; on < done; on += 14 * DAY, pct = Math.min(95, pct + 5)) {
      schedule(on, { stream, type: 'RecoveryActionProgressReported', effective: iso(on), known: known(on, 9), data: { planId: plan.id, actionId, percent: pct, note: 'On track after the weekly review', reportedOn: dayText(on) } });
    }
    if (rnd() < 0.2 && due - 10 * DAY < done) schedule(due - 10 * DAY, { stream, type: 'RecoveryActionRescheduled', known: due - 10 * DAY, data: { planId: plan.id, actionId, previousDueDate: dayText(due), dueDate: dayText(due + 60 * DAY), reason: 'Supplier delay' } });
    schedule(done, { stream, type: 'RecoveryActionCompleted', effective: iso(done), known: known(done, 9), data: { planId: plan.id, actionId, completedOn: dayText(done), evidence: 'Four weeks within tolerance' } });
  }
}

/** Fifteen partners with engagements most days; monthly surveys, weekly training, support measures. */
export async function partnersAndWorkforce(d: number, t: number, perDay: number, indicators: string[], rnd: () => number, add: Add, known: Known) {
  for (let p = 0; p < 15; p++) {
    const partnerId = `partner-${PARTNER_KINDS[p % PARTNER_KINDS.length]}-${p + 1}`;
    const stream = `partner-${partnerId}`;
    if (d === 20 + p) await add({ stream, type: 'PartnerRegistered', known: known(t, 10), data: { partnerId, name: `Partner ${p + 1}`, kind: PARTNER_KINDS[p % PARTNER_KINDS.length] } });
    if (d > 20 + p && rnd() < perDay) {
      await add({ stream, type: 'PartnerEngagementRecorded', effective: iso(t), known: known(t, 30), data: {
        partnerId, engagementId: `${partnerId}-e${d}`, date: dayText(t), channel: CHANNELS[d % CHANNELS.length], topics: ['backlog', 'safeguarding'],
        indicators: [indicators[(p + d) % indicators.length]], summary: 'Shared the weekly backlog position and the plan for the coming month' } });
    }
  }
  const stream = 'workforce-main';
  if (d % 30 === 10) await add({ stream, type: 'ConfidenceSurveyRecorded', effective: iso(t), known: known(t, 48), data: { surveyId: `s-${d}`, date: dayText(t), respondents: 300 + (d % 200), confidentPercent: Math.min(90, 25 + d / 30) } });
  if (d % 7 === 2) await add({ stream, type: 'TrainingRecorded', effective: iso(t), known: known(t, 20), data: { trainingId: `t-${d}`, date: dayText(t), topic: 'Niche RMS workflows', attendees: 10 + Math.floor(rnd() * 30) } });
  if (d % 60 === 5) await add({ stream, type: 'SupportMeasureRecorded', effective: iso(t), known: known(t, 20), data: { measureId: `m-${d}`, date: dayText(t), title: 'Floor-walkers in the control room', description: 'Super-users on every shift for a month' } });
}
