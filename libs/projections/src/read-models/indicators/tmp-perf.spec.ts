import type { ProjectedEvent } from '../../runner/projection.js';
import { openReadModelFixture } from '../../testing/read-model-fixture.js';
import { LATEST } from '../../time-travel/time-travel.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';
import { indicatorHistory, indicatorPosition, indicatorPositions, earlyWarnings } from './indicator-position.query.js';

const N = 50, DAYS = 2000;
const start = Date.parse('2019-07-01T00:00:00Z');
it('perf', async () => {
  const f = await openReadModelFixture((process.env.KIND as 'server') ?? 'server');
  let pos = 0n;
  const ev = (type: string, data: Record<string, unknown>, eff: number, known: number): ProjectedEvent => ({ position: ++pos, streamId: 'x', type, data, metadata: {}, recordedAt: new Date(known), knownAt: new Date(known), effectiveAt: new Date(eff) });
  const events: ProjectedEvent[] = [];
  for (let i = 0; i < N; i++) {
    events.push(ev('IndicatorRegistered', { indicatorId: `i${i}`, name: 'n', description: 'd', unit: 'count', direction: 'lower-is-better', baseline: { value: 10, from: '2019-06-01', to: '2019-06-30', source: 's' }, tolerance: 5, owner: 'o', questions: [1] }, start, start));
    events.push(ev('ThresholdSet', { indicatorId: `i${i}`, thresholdId: 'lvl', kind: 'level', limit: 500 }, start, start));
    events.push(ev('ThresholdSet', { indicatorId: `i${i}`, thresholdId: 'gr', kind: 'growth', limit: 50, windowDays: 7 }, start, start));
  }
  for (let d = 0; d < DAYS; d++) for (let i = 0; i < N; i++) {
    const eff = start + d * 86400000;
    const known = eff + (Math.random() < 0.05 ? 30 : 1) * 86400000;
    events.push(ev('FigureRecorded', { indicatorId: `i${i}`, figureId: `f${d}`, value: Math.round(400 + 300 * Math.sin(d / 50 + i)), effectiveAt: new Date(eff).toISOString(), source: 'GMP' }, eff, known));
    if (Math.random() < 0.01) events.push(ev('FigureCorrected', { indicatorId: `i${i}`, figureId: `f${d}`, value: 1, previousValue: 0, effectiveAt: new Date(eff).toISOString(), reason: 'r' }, eff, known + 10 * 86400000));
  }
  let t = Date.now();
  for (let k = 0; k < events.length; k += 2000) await f.read.transaction((db) => indicatorFactsProjection.apply(events.slice(k, k + 2000), db));
  const secs = (Date.now() - t) / 1000;
  console.log(`applied ${events.length} in ${secs}s = ${Math.round(events.length / secs)}/s`);
  await f.read.db.query(`ANALYZE ${f.read.schema}.rm_indicator_figures`);
  const lat = async (name: string, q: () => Promise<unknown>, n = 100) => {
    const ms: number[] = [];
    for (let k = 0; k < n; k++) { const t0 = performance.now(); await q(); ms.push(performance.now() - t0); }
    ms.sort((a, b) => a - b);
    console.log(`${name}: p50 ${ms[Math.floor(n / 2)].toFixed(1)} p95 ${ms[Math.floor(n * 0.95)].toFixed(1)} ms`);
  };
  const rnd = () => { const asOf = new Date(start + Math.random() * DAYS * 86400000); const knownAt = Math.random() < 0.5 ? LATEST : new Date(asOf.getTime() + Math.random() * 60 * 86400000); return { asOf, knownAt, knownAtLatest: knownAt === LATEST, position: pos }; };
  const id = () => `i${Math.floor(Math.random() * N)}`;
  const { loadFacts } = await import('./indicator-facts.query.js');
  const { positionOf } = await import('./indicator-position.fold.js');
  await lat('loadFacts(all kinds)', () => loadFacts(f.read.db, rnd(), ['definitions', 'figures', 'corrections', 'risks', 'thresholds', 'items'], id()));
  await lat('loadFacts(figures)', () => loadFacts(f.read.db, rnd(), ['figures'], id()));
  await lat('raw figures text ts', () => f.read.db.query(`SELECT position, value, figure_id, effective_at::text e, known_at::text k FROM ${f.read.schema}.rm_indicator_figures WHERE indicator_id = $1 AND effective_at <= $2`, [id(), rnd().asOf.toISOString()]));
  await lat('raw figures epoch', () => f.read.db.query(`SELECT position, value, figure_id, (extract(epoch from effective_at)*1000)::float8 e, (extract(epoch from known_at)*1000)::float8 k FROM ${f.read.schema}.rm_indicator_figures WHERE indicator_id = $1 AND effective_at <= $2`, [id(), rnd().asOf.toISOString()]));
  await lat('raw count', () => f.read.db.query(`SELECT count(*) FROM ${f.read.schema}.rm_indicator_figures WHERE indicator_id = $1 AND effective_at <= $2`, [id(), rnd().asOf.toISOString()]));
  const facts = await loadFacts(f.read.db, { ...rnd(), asOf: LATEST }, ['definitions', 'figures', 'corrections', 'risks', 'thresholds', 'items'], 'i1');
  await lat('fold only', async () => positionOf('i1', facts.get('i1')!, new Date()));
  console.log(JSON.stringify(await f.read.db.query(`EXPLAIN ANALYZE SELECT * FROM ${f.read.schema}.rm_indicator_figures WHERE indicator_id = 'i3' AND effective_at <= now() AND known_at <= now() AND position <= 1000000`)));
  await lat('position', () => indicatorPosition(f.read.db, rnd(), id()));
  await lat('history', () => indicatorHistory(f.read.db, rnd(), id()));
  await lat('warnings(one)', () => earlyWarnings(f.read.db, rnd(), id()), 30);
  await lat('positions(all)', () => indicatorPositions(f.read.db, rnd()), 5);
  await f.dispose();
}, 900000);
