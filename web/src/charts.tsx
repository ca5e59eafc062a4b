// Chart.js 4, tree-shaken to what the two charts use; each chart is a canvas with role="img" and an
// aria-label summary, followed by a visually-hidden table of the same numbers.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

import { PASS_MARK } from './api';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.animation = false;

/** The 70 line across the plot, labelled. */
const passLine: Plugin = {
  id: 'passLine',
  afterDatasetsDraw(chart) {
    const y = chart.scales.y;
    if (!y) return;
    const { ctx, chartArea } = chart;
    const py = y.getPixelForValue(PASS_MARK);
    ctx.save();
    ctx.strokeStyle = '#b3261e';
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(chartArea.left, py);
    ctx.lineTo(chartArea.right, py);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#b3261e';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText(`${PASS_MARK} to qualify`, chartArea.right - 4, py - 4);
    ctx.restore();
  },
};

export const PALETTE = ['#0b6bcb', '#7a3ea1', '#0f7b6c', '#c25e00', '#a1366b', '#4d5b00'];

function ChartCanvas(props: { config: ChartConfiguration; label: string; height?: number; testId: string; children: ComponentChildren }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, { ...props.config, plugins: [...(props.config.plugins ?? []), passLine] });
    return () => chart.destroy();
  }, [JSON.stringify(props.config.data)]);
  return (
    <figure class="chart" data-testid={props.testId}>
      <div class="chart-box" style={{ height: `${props.height ?? 260}px` }}>
        <canvas ref={canvas} role="img" aria-label={props.label} />
      </div>
      <figcaption class="visually-hidden">{props.children}</figcaption>
    </figure>
  );
}

export interface AreaBar {
  label: string;
  total: number | null;
}

export function AreaBarChart(props: { bars: AreaBar[]; title: string }) {
  const summary = `${props.title}: ${props.bars.map((b) => `${b.label} ${b.total === null ? 'no score' : b.total.toFixed(1)}`).join(', ')}; ${PASS_MARK} qualifies.`;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: props.bars.map((b) => b.label),
      datasets: [
        {
          label: 'Total',
          data: props.bars.map((b) => b.total ?? 0),
          backgroundColor: props.bars.map((b) => ((b.total ?? 0) >= PASS_MARK ? '#0f7b6c' : '#8a96a3')),
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { stepSize: 10 } } },
      plugins: { legend: { display: false } },
    },
  };
  return (
    <ChartCanvas config={config} label={summary} testId="area-chart">
      <table data-testid="area-chart-table">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Total</th>
            <th scope="col">Against {PASS_MARK}</th>
          </tr>
        </thead>
        <tbody>
          {props.bars.map((b) => (
            <tr key={b.label} data-area-label={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.total === null ? '—' : b.total.toFixed(1)}</td>
              <td>{b.total !== null && b.total >= PASS_MARK ? 'above' : 'below'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCanvas>
  );
}

export interface Series {
  label: string;
  values: Array<number | null>;
}

export function HistoryChart(props: { months: string[]; series: Series[]; title: string }) {
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: props.months,
      datasets: props.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        spanGaps: true,
        tension: 0,
      })),
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { stepSize: 10 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
  const best = props.series.map((s) => `${s.label} ${Math.max(...s.values.map((v) => v ?? 0)).toFixed(1)}`);
  const label = `${props.title}, ${props.months[0] ?? ''} to ${props.months[props.months.length - 1] ?? ''}; highest monthly maximum per area: ${best.join(', ')}.`;
  return (
    <ChartCanvas config={config} label={label} height={300} testId="history-chart">
      <table>
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            {props.months.map((m) => (
              <th scope="col" key={m}>
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.series.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              {s.values.map((v, i) => (
                <td key={i}>{v === null ? '—' : v.toFixed(1)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCanvas>
  );
}
