import { successors, type Flow } from "@/server/domain/bot/flow";

// A small picture of the flow, drawn on the server: one column per distance from the first step, an
// arrow for every way a step can go on. Steps no path reaches sit in a last column.

const W = 150;
const H = 40;
const GAP_X = 60;
const GAP_Y = 16;

export function FlowDiagram({ flow, title }: { flow: Flow; title: string }) {
  const depth = new Map<string, number>([[flow.start, 0]]);
  const byId = new Map(flow.steps.map((s) => [s.id, s]));
  const queue = [flow.start];
  while (queue.length) {
    const id = queue.shift()!;
    const step = byId.get(id);
    if (!step) continue;
    for (const next of successors(step)) {
      if (!depth.has(next)) {
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const columns: string[][] = [];
  for (const step of flow.steps) {
    const d = depth.get(step.id) ?? maxDepth + 1;
    (columns[d] ??= []).push(step.id);
  }
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((ids, c) => ids?.forEach((id, r) => pos.set(id, { x: 10 + c * (W + GAP_X), y: 10 + r * (H + GAP_Y) })));
  const width = 20 + columns.length * (W + GAP_X) - GAP_X;
  const height = 20 + Math.max(1, ...columns.map((c) => c?.length ?? 0)) * (H + GAP_Y) - GAP_Y;
  const edges = flow.steps.flatMap((s) => [...new Set(successors(s))].map((to) => ({ from: s.id, to })));
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-full" data-testid="flow-diagram">
      <title>{title}</title>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b" />
        </marker>
      </defs>
      {edges.map(({ from, to }) => {
        const a = pos.get(from);
        const b = pos.get(to);
        if (!a || !b) return null;
        const back = b.x <= a.x;
        const x1 = a.x + W;
        const y1 = a.y + H / 2;
        const x2 = back ? b.x + W / 2 : b.x;
        const y2 = back ? b.y + H : b.y + H / 2;
        return <path key={`${from}-${to}`} d={`M ${x1} ${y1} C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`} fill="none" stroke="#64748b" strokeWidth="1.5" markerEnd="url(#arrow)" />;
      })}
      {flow.steps.map((s) => {
        const p = pos.get(s.id)!;
        const start = s.id === flow.start;
        return (
          <g key={s.id}>
            <rect x={p.x} y={p.y} width={W} height={H} rx="6" fill={start ? "#e0f2fe" : "#ffffff"} stroke={start ? "#0369a1" : "#94a3b8"} />
            <text x={p.x + 8} y={p.y + 17} fontSize="12" fontWeight="600" fill="#0f172a">{s.id.slice(0, 20)}</text>
            <text x={p.x + 8} y={p.y + 32} fontSize="11" fill="#475569">{s.kind}</text>
          </g>
        );
      })}
    </svg>
  );
}
