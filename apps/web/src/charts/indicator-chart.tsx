import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { History, Indicator, Projection, Trajectory } from '../http/types';
import { num } from '../format';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, SVGRenderer]);

export interface ChartData {
  indicator: Indicator;
  history?: History;
  trajectory?: Trajectory;
  projection?: Projection;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(date.slice(0, 10)) + days * DAY).toISOString().slice(0, 10);

/** Projected line from the fit: ŷ(x) = a + b·x, x in days from asOf's day, to the projected return. */
function projectionLine(p: Projection): [string, number][] {
  if (p.intercept === null || p.slopePerDay === null) return [];
  const end = p.projectedReturn?.date ?? p.projectedReturn?.latest;
  const days = end ? Math.min(730, Math.round((Date.parse(end) - Date.parse(p.asOf.slice(0, 10))) / DAY)) : 90;
  const a = p.intercept;
  const b = p.slopePerDay;
  return [0, Math.max(1, days)].map((x) => [addDays(p.asOf, x), Math.round((a + b * x) * 100) / 100]);
}

/** Daily history, baseline with its tolerance band, the plan's trajectory and the projection. */
export default function IndicatorChart({ indicator, history, trajectory, projection }: ChartData) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const base = indicator.baseline.value;
    const band = indicator.direction === 'lower-is-better' ? [base, base + indicator.tolerance] : [base - indicator.tolerance, base];
    const points = history?.points ?? [];
    const series: Record<string, unknown>[] = [
      {
        name: 'Value', type: 'line', showSymbol: false, data: points.map((p) => [p.date, p.value]), lineStyle: { width: 2, color: '#1d4f91' }, itemStyle: { color: '#1d4f91' },
        markArea: { silent: true, itemStyle: { color: 'rgba(0, 112, 60, 0.15)' }, data: [[{ yAxis: band[0], name: 'Baseline ± tolerance' }, { yAxis: band[1] }]] },
      },
      { name: 'Baseline', type: 'line', showSymbol: false, data: points.length ? [[points[0].date, base], [points[points.length - 1].date, base]] : [], lineStyle: { type: 'dashed', color: '#00703c' }, itemStyle: { color: '#00703c' } },
    ];
    if (trajectory?.points.length)
      series.push({ name: 'Plan trajectory', type: 'line', data: trajectory.points.map((p) => [p.date, p.target]), lineStyle: { type: 'dotted', width: 2, color: '#6f3c9c' }, itemStyle: { color: '#6f3c9c' } });
    if (projection) {
      const line = projectionLine(projection);
      if (line.length) series.push({ name: 'Projection', type: 'line', showSymbol: false, data: line, lineStyle: { type: 'dashed', color: '#b35c00' }, itemStyle: { color: '#b35c00' } });
      const r = projection.projectedReturn;
      if (r?.earliest || r?.latest) {
        const level = projection.targetLevel;
        series.push({
          name: 'Return range', type: 'line', showSymbol: true, symbolSize: 6,
          data: [r.earliest ? [r.earliest, level] : null, r.latest ? [r.latest, level] : null].filter(Boolean) as [string, number][],
          lineStyle: { width: 6, opacity: 0.4, color: '#b35c00' }, itemStyle: { color: '#b35c00' },
        });
      }
    }
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => num(typeof v === 'number' ? v : Number(v)) },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => num(v) } },
      series,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', resize);
      chart.dispose();
    };
  }, [indicator, history, trajectory, projection]);
  return <div ref={ref} className="chart" role="img" aria-label={`Chart of ${indicator.name}: daily values, baseline ${num(indicator.baseline.value)} with tolerance ${num(indicator.tolerance)}${trajectory?.points.length ? ', plan trajectory' : ''}${projection ? ', projection' : ''}`} />;
}
