import { bars, heatLevel, linePath, niceMax } from "@/server/domain/report-charts";
import type { DayFigures } from "@/server/domain/report-stats";

// Server-rendered SVG: no script draws them, each has a <title> and <desc>, and the page puts the same
// figures in a table beside each chart for screen readers and anyone without the picture.

const PLOT = { width: 600, height: 160 };

export function VolumeChart({ days, title, desc }: { days: DayFigures[]; title: string; desc: string }) {
  const top = niceMax(Math.max(0, ...days.map((d) => d.opened)));
  const waits = days.map((d) => d.medianFirstResponseMs);
  return (
    <svg role="img" aria-labelledby="volume-title volume-desc" viewBox={`0 0 ${PLOT.width} ${PLOT.height + 20}`} className="h-auto w-full max-w-2xl" data-testid="volume-chart">
      <title id="volume-title">{title}</title>
      <desc id="volume-desc">{desc}</desc>
      <line x1={0} y1={PLOT.height} x2={PLOT.width} y2={PLOT.height} stroke="#94a3b8" />
      <text x={2} y={12} fontSize={11} fill="#334155">{top}</text>
      {bars(days.map((d) => d.opened), PLOT, top).map((b, i) => (
        <rect key={days[i]!.day} x={b.x} y={b.y} width={b.width} height={b.height} fill="#3b82f6" />
      ))}
      <path d={linePath(waits, PLOT)} fill="none" stroke="#c2410c" strokeWidth={2} />
      {days.length <= 31 &&
        days.map((d, i) => (
          <text key={d.day} x={(i + 0.5) * (PLOT.width / days.length)} y={PLOT.height + 14} fontSize={9} textAnchor="middle" fill="#334155">
            {d.day.slice(8)}
          </text>
        ))}
    </svg>
  );
}

const SHADES = ["#f1f5f9", "#dbeafe", "#93c5fd", "#3b82f6", "#1d4ed8", "#1e3a8a"];

export function Heatmap({ grid, weekdays, title, desc, cell }: { grid: number[][]; weekdays: string[]; title: string; desc: string; cell: (day: string, hour: number, count: number) => string }) {
  const max = Math.max(0, ...grid.flat());
  const size = 20;
  const left = 40;
  return (
    <svg role="img" aria-labelledby="heatmap-title heatmap-desc" viewBox={`0 0 ${left + 24 * size} ${7 * size + 16}`} className="h-auto w-full max-w-2xl" data-testid="heatmap-chart">
      <title id="heatmap-title">{title}</title>
      <desc id="heatmap-desc">{desc}</desc>
      {grid.map((row, d) => (
        <g key={d}>
          <text x={0} y={d * size + 14} fontSize={10} fill="#334155">{weekdays[d]}</text>
          {row.map((count, h) => (
            <rect key={h} x={left + h * size} y={d * size} width={size - 2} height={size - 2} fill={SHADES[heatLevel(count, max)]}>
              <title>{cell(weekdays[d]!, h, count)}</title>
            </rect>
          ))}
        </g>
      ))}
      {[0, 6, 12, 18, 23].map((h) => (
        <text key={h} x={left + h * size + 4} y={7 * size + 12} fontSize={9} fill="#334155">{h}</text>
      ))}
    </svg>
  );
}
