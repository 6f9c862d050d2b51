/**
 * The concept map as a standalone SVG, drawn by our own layout (no Graphviz at run
 * time). Each cluster is laid out on its own (layout.ts) and framed; clusters are
 * packed in rows; a legend explains the marks. Only presentation attributes are
 * used (no <style>, no scripts, no external references), so the SVG shows the same
 * in a browser, an <img>, and a webview under a strict Content-Security-Policy.
 * Every node is a <g data-node="id"> with a <title> tooltip; every edge a
 * <g data-edge="from->to">.
 */
import { layeredLayout, type LayoutResult, type Point } from './layout';
import { CAPTION_SEPARATOR, type ConceptCluster, type ConceptEdge, type ConceptGraph, type ConceptNode, type UseState } from './model';
import { CONFLICT_COLOR, DENIAL_COLOR, EDGE_LOOK, FILL, INK, USE_COLOR, USE_MEANING, accentColor } from './style';
import { textWidth, wrapText, xmlEscape } from './text';

/** Options of renderSvg. */
export interface SvgOptions {
  /** Widest the drawing should get before clusters wrap to a new row (px). Default 1320. */
  maxWidth?: number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial, sans-serif";
const SIZE = { title: 19, subtitle: 13, cluster: 14, label: 14, detail: 11.5, caption: 12.5, edge: 12, legend: 12.5 };
const LINE = { label: 18, detail: 15, caption: 16 };
const BOX = { padX: 12, padY: 8, minWidth: 96, wrap: 210, detailWrap: 170, captionWrap: 290 };
const JUNCTION = 12;
const CLUSTER = { pad: 18, title: 30, gap: 26 };
const MARGIN = 24;
const ARROW = { length: 10, half: 5 };

interface Box {
  node: ConceptNode;
  width: number;
  height: number;
  label: string[];
  detail: string[];
  caption: string[];
}

interface PlacedCluster {
  cluster: ConceptCluster;
  boxes: Map<string, Box>;
  layout: LayoutResult;
  labels: Map<ConceptEdge, { lines: string[]; width: number; height: number }>;
  width: number;
  height: number;
  x: number;
  y: number;
}

/** Renders `graph` as an SVG document (a string starting with "<svg"). Deterministic. */
export function renderSvg(graph: ConceptGraph, options: SvgOptions = {}): string {
  const maxWidth = options.maxWidth ?? 1320;
  const dim = graph.draft !== undefined;
  const placed = graph.clusters.map(placeCluster);

  // Pack clusters into rows: each goes into the first row with room (first fit), so a
  // narrow cluster fills the gap beside a wide one instead of starting a row of its own.
  const contentWidth = Math.max(maxWidth, ...placed.map((p) => p.width));
  const header = headerLines(graph, contentWidth);
  const rows: { clusters: PlacedCluster[]; used: number; height: number }[] = [];
  for (const p of placed) {
    let row = rows.find((candidate) => candidate.used + CLUSTER.gap + p.width <= contentWidth);
    if (!row) {
      row = { clusters: [], used: -CLUSTER.gap, height: 0 };
      rows.push(row);
    }
    p.x = MARGIN + row.used + CLUSTER.gap;
    row.used += CLUSTER.gap + p.width;
    row.height = Math.max(row.height, p.height);
    row.clusters.push(p);
  }
  let y = MARGIN + header.height;
  let widest = 0;
  for (const row of rows) {
    for (const p of row.clusters) {
      p.y = y;
      widest = Math.max(widest, p.x + p.width);
    }
    y += row.height + CLUSTER.gap;
  }
  y -= rows.length ? CLUSTER.gap : 0;
  const width = Math.max(widest, MARGIN + textWidth(graph.title, SIZE.title, true)) + MARGIN;
  const legend = legendItems(graph, dim);
  const legendLayout = layoutLegend(legend, width - 2 * MARGIN);
  const legendTop = y + CLUSTER.gap;
  const height = legendTop + legendLayout.height + MARGIN;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="${xmlEscape(FONT)}" role="img" aria-label="${xmlEscape(graph.title)}">`);
  out.push(`<title>${xmlEscape(graph.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${r(width)}" height="${r(height)}" fill="#ffffff"/>`);
  out.push(...header.render(MARGIN, MARGIN));
  for (const p of placed) out.push(...drawCluster(p, dim));
  out.push(...drawLegend(legendLayout, MARGIN, legendTop));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function placeCluster(cluster: ConceptCluster): PlacedCluster {
  const boxes = new Map<string, Box>();
  for (const node of cluster.nodes) boxes.set(node.id, measure(node));
  const labels = new Map<ConceptEdge, { lines: string[]; width: number; height: number }>();
  for (const edge of cluster.edges) {
    if (!edge.label) continue;
    const lines = edge.label.split(CAPTION_SEPARATOR).flatMap((part) => wrapText(part, SIZE.edge, 240));
    labels.set(edge, { lines, width: Math.max(...lines.map((l) => textWidth(l, SIZE.edge))) + 10, height: lines.length * (SIZE.edge + 3) + 4 });
  }
  const layout = layeredLayout(
    cluster.nodes.map((n) => ({ id: n.id, width: boxes.get(n.id)!.width, height: boxes.get(n.id)!.height, point: n.kind === 'junction' })),
    cluster.edges.map((e) => ({ from: e.from, to: e.to, ...(labels.has(e) ? { label: labels.get(e)! } : {}) })),
    // A term's senses fan out to the right, stacked: four wide sense boxes side by side would take a whole row.
    cluster.kind === 'senses' ? { direction: 'horizontal', align: 'sink-side', nodeGap: 16, layerGap: 56 } : {},
  );
  const titleWidth = textWidth(cluster.title, SIZE.cluster, true);
  const width = Math.max(layout.width, titleWidth) + 2 * CLUSTER.pad;
  const height = layout.height + CLUSTER.title + 2 * CLUSTER.pad - 6;
  return { cluster, boxes, layout, labels, width, height, x: 0, y: 0 };
}

function measure(node: ConceptNode): Box {
  if (node.kind === 'junction') return { node, width: JUNCTION, height: JUNCTION, label: [], detail: [], caption: [] };
  const label = wrapText(node.label, SIZE.label, BOX.wrap, true);
  const detail = node.detail ? wrapText(node.detail, SIZE.detail, BOX.detailWrap, false, '; ') : [];
  const caption = (node.use?.caption.split(CAPTION_SEPARATOR) ?? []).flatMap((part) => wrapText(part, SIZE.caption, BOX.captionWrap, true));
  const widths = [...label.map((l) => textWidth(l, SIZE.label, true)), ...detail.map((l) => textWidth(l, SIZE.detail)), ...caption.map((l) => textWidth(l, SIZE.caption, true))];
  const width = Math.max(BOX.minWidth, ...widths) + 2 * BOX.padX;
  const height = 2 * BOX.padY + label.length * LINE.label + detail.length * LINE.detail + caption.length * LINE.caption + (caption.length ? 4 : 0);
  return { node, width, height, label, detail, caption };
}

function drawCluster(p: PlacedCluster, dim: boolean): string[] {
  const { cluster } = p;
  const accent = accentColor(cluster.accent);
  const ox = p.x + CLUSTER.pad + (p.width - 2 * CLUSTER.pad - p.layout.width) / 2;
  const oy = p.y + CLUSTER.title + CLUSTER.pad - 6;
  const out: string[] = [];
  out.push(`<g data-cluster="${cluster.id}">`);
  out.push(`<rect x="${r(p.x)}" y="${r(p.y)}" width="${r(p.width)}" height="${r(p.height)}" rx="10" fill="#fbfcfd" stroke="${accent}" stroke-width="${cluster.kind === 'diagram' ? 2 : 1.2}"${cluster.kind === 'diagram' ? '' : ' stroke-dasharray="6 4"'}/>`);
  out.push(`<text x="${r(p.x + 14)}" y="${r(p.y + 22)}" font-size="${SIZE.cluster}" font-weight="700" fill="${accent}">${xmlEscape(cluster.title)}</text>`);
  // Edges under nodes, labels over everything.
  const edgeLabels: string[] = [];
  cluster.edges.forEach((edge, i) => {
    const route = p.layout.edges[i];
    if (!route || route.points.length < 2) return;
    const points = route.points.map((q) => ({ x: q.x + ox, y: q.y + oy }));
    const look = EDGE_LOOK[edge.kind];
    const color = edge.conflict ? CONFLICT_COLOR : edge.kind === 'not-required' ? DENIAL_COLOR : look.accent ? accent : INK.muted;
    const dashed = look.dashed || !!edge.conflict;
    const width = edge.kind === 'sense-of' ? 1.4 : 2;
    out.push(`<g data-edge="${edge.from}->${edge.to}">`);
    out.push(`<title>${xmlEscape(edge.tooltip)}</title>`);
    // Premise lines end at the junction's centre, under the dot.
    const line = look.arrowhead ? shorten(points, ARROW.length - 1) : points;
    out.push(`<polyline points="${line.map((q) => `${r(q.x)},${r(q.y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${width}"${dashed ? ' stroke-dasharray="6 4"' : ''} stroke-linecap="round" stroke-linejoin="round"/>`);
    if (look.arrowhead) out.push(edge.kind === 'not-required' ? teeHead(points, color) : arrowHead(points, color));
    out.push('</g>');
    const label = p.labels.get(edge);
    if (label && route.label) {
      const cx = route.label.x + ox;
      const cy = route.label.y + oy;
      edgeLabels.push(`<g data-edge-label="${edge.from}->${edge.to}">`);
      edgeLabels.push(`<title>${xmlEscape(edge.tooltip)}</title>`);
      edgeLabels.push(`<rect x="${r(cx - label.width / 2)}" y="${r(cy - label.height / 2)}" width="${r(label.width)}" height="${r(label.height)}" rx="4" fill="#ffffff" fill-opacity="0.95" stroke="${color}" stroke-opacity="0.35"/>`);
      label.lines.forEach((text, k) => {
        const ty = cy - label.height / 2 + 2 + (k + 1) * (SIZE.edge + 3) - 3;
        edgeLabels.push(`<text x="${r(cx)}" y="${r(ty)}" font-size="${SIZE.edge}" text-anchor="middle" fill="${color}"${edge.conflict ? ' font-weight="700"' : ''}>${xmlEscape(text)}</text>`);
      });
      edgeLabels.push('</g>');
    }
  });
  for (const node of cluster.nodes) {
    const c = p.layout.nodes.get(node.id);
    if (!c) continue;
    out.push(...drawNode(p.boxes.get(node.id)!, { x: c.x + ox, y: c.y + oy }, dim));
  }
  out.push(...edgeLabels);
  out.push('</g>');
  return out;
}

function drawNode(box: Box, c: Point, dim: boolean): string[] {
  const { node } = box;
  const out: string[] = [`<g data-node="${node.id}">`, `<title>${xmlEscape(node.tooltip)}</title>`];
  if (node.kind === 'junction') {
    out.push(`<circle cx="${r(c.x)}" cy="${r(c.y)}" r="${JUNCTION / 2}" fill="${FILL.junction}"/>`);
    out.push(`<text x="${r(c.x + JUNCTION / 2 + 4)}" y="${r(c.y + 4)}" font-size="11" font-style="italic" fill="${INK.muted}">and</text>`);
    out.push('</g>');
    return out;
  }
  const x = c.x - box.width / 2;
  const y = c.y - box.height / 2;
  const fill = node.kind === 'sense' ? FILL.sense : node.contested ? FILL.contested : FILL.settled;
  const used = node.use?.state;
  const faded = dim && !used;
  const radius = node.kind === 'sense' ? 16 : 6;
  if (used) {
    // A soft halo makes a highlighted box stand out even at a glance over the whole map.
    out.push(`<rect x="${r(x - 4)}" y="${r(y - 4)}" width="${r(box.width + 8)}" height="${r(box.height + 8)}" rx="${r(radius + 4)}" fill="none" stroke="${USE_COLOR[used]}" stroke-opacity="0.28" stroke-width="6"/>`);
  }
  out.push(`<rect x="${r(x)}" y="${r(y)}" width="${r(box.width)}" height="${r(box.height)}" rx="${r(Math.min(radius, box.height / 2))}" fill="${fill}" stroke="${used ? USE_COLOR[used] : faded ? '#8c959f' : INK.muted}" stroke-width="${used ? 3 : 1.2}"/>`);
  let ty = y + BOX.padY;
  const ink = faded ? INK.faint : INK.main;
  for (const line of box.label) {
    ty += LINE.label;
    out.push(`<text x="${r(c.x)}" y="${r(ty - 4)}" font-size="${SIZE.label}" font-weight="600" text-anchor="middle" fill="${ink}">${xmlEscape(line)}</text>`);
  }
  for (const line of box.detail) {
    ty += LINE.detail;
    out.push(`<text x="${r(c.x)}" y="${r(ty - 3.5)}" font-size="${SIZE.detail}" text-anchor="middle" fill="${faded ? INK.faint : INK.muted}">${xmlEscape(line)}</text>`);
  }
  if (box.caption.length) ty += 4;
  for (const line of box.caption) {
    ty += LINE.caption;
    out.push(`<text x="${r(c.x)}" y="${r(ty - 4)}" font-size="${SIZE.caption}" font-weight="600" text-anchor="middle" fill="${USE_COLOR[used!]}">${xmlEscape(line)}</text>`);
  }
  out.push('</g>');
  return out;
}

/** The polyline without its last `by` px, so the line stops where the arrowhead starts. */
function shorten(points: Point[], by: number): Point[] {
  const out = points.map((q) => ({ ...q }));
  const [a, b] = [out[out.length - 2], out[out.length - 1]];
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len <= by) return out;
  out[out.length - 1] = { x: b.x - ((b.x - a.x) * by) / len, y: b.y - ((b.y - a.y) * by) / len };
  return out;
}

function direction(points: Point[]): { tip: Point; ux: number; uy: number } {
  const [a, b] = [points[points.length - 2], points[points.length - 1]];
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { tip: b, ux: (b.x - a.x) / len, uy: (b.y - a.y) / len };
}

function arrowHead(points: Point[], color: string): string {
  const { tip, ux, uy } = direction(points);
  const base = { x: tip.x - ux * ARROW.length, y: tip.y - uy * ARROW.length };
  const left = { x: base.x - uy * ARROW.half, y: base.y + ux * ARROW.half };
  const right = { x: base.x + uy * ARROW.half, y: base.y - ux * ARROW.half };
  return `<polygon points="${[tip, left, right].map((q) => `${r(q.x)},${r(q.y)}`).join(' ')}" fill="${color}"/>`;
}

/** A bar across the end: "does not require" stops here. */
function teeHead(points: Point[], color: string): string {
  const { tip, ux, uy } = direction(points);
  const at = { x: tip.x - ux * 3, y: tip.y - uy * 3 };
  const h = 7;
  return `<line x1="${r(at.x - uy * h)}" y1="${r(at.y + ux * h)}" x2="${r(at.x + uy * h)}" y2="${r(at.y - ux * h)}" stroke="${color}" stroke-width="2.5"/>`;
}

function headerLines(graph: ConceptGraph, width: number): { height: number; render: (x: number, y: number) => string[] } {
  const subtitle = graph.draft
    ? 'Terms this draft uses are outlined in colour; the coloured line under a term says the sense it is used in.'
    : 'Implication diagrams and facts of each framework, and the senses of each contested term.';
  const lines = wrapText(subtitle, SIZE.subtitle, width);
  return {
    height: 30 + lines.length * 18 + 14,
    render: (x, y) => [
      `<text x="${r(x)}" y="${r(y + 20)}" font-size="${SIZE.title}" font-weight="700" fill="${INK.main}">${xmlEscape(graph.title)}</text>`,
      ...lines.map((l, i) => `<text x="${r(x)}" y="${r(y + 42 + i * 18)}" font-size="${SIZE.subtitle}" fill="${INK.muted}">${xmlEscape(l)}</text>`),
    ],
  };
}

type LegendMark =
  | { kind: 'box'; fill: string; stroke: string; strokeWidth: number; rounded?: boolean }
  | { kind: 'dot' }
  | { kind: 'line'; color: string; dashed: boolean; head: 'arrow' | 'tee' | 'none' };

interface LegendItem {
  mark: LegendMark;
  text: string;
}

function legendItems(graph: ConceptGraph, dim: boolean): LegendItem[] {
  const clusters = graph.clusters;
  const has = (test: (c: ConceptCluster) => boolean) => clusters.some(test);
  const items: LegendItem[] = [
    { mark: { kind: 'box', fill: FILL.contested, stroke: INK.muted, strokeWidth: 1.2 }, text: 'contested term (several senses)' },
    { mark: { kind: 'box', fill: FILL.settled, stroke: INK.muted, strokeWidth: 1.2 }, text: 'settled term (one sense)' },
  ];
  if (has((c) => c.kind === 'senses')) items.push({ mark: { kind: 'box', fill: FILL.sense, stroke: INK.muted, strokeWidth: 1.2, rounded: true }, text: 'a sense, with its sources' });
  if (has((c) => c.nodes.some((n) => n.kind === 'junction'))) items.push({ mark: { kind: 'dot' }, text: 'and: every line into the dot is needed' });
  if (has((c) => c.edges.some((e) => e.kind === 'implies'))) items.push({ mark: { kind: 'line', color: accentColor(0), dashed: false, head: 'arrow' }, text: 'implies (label: the sense it needs)' });
  if (has((c) => c.edges.some((e) => e.kind === 'is-a'))) items.push({ mark: { kind: 'line', color: INK.muted, dashed: true, head: 'arrow' }, text: 'is a kind of' });
  if (has((c) => c.edges.some((e) => e.kind === 'not-required'))) items.push({ mark: { kind: 'line', color: DENIAL_COLOR, dashed: true, head: 'tee' }, text: 'does not require' });
  if (dim) {
    for (const state of ['resolved', 'mixed', 'ambiguous'] as UseState[]) {
      items.push({ mark: { kind: 'box', fill: '#ffffff', stroke: USE_COLOR[state], strokeWidth: 3 }, text: `this draft: ${USE_MEANING[state]}` });
    }
    if (has((c) => c.edges.some((e) => e.conflict))) items.push({ mark: { kind: 'line', color: CONFLICT_COLOR, dashed: true, head: 'arrow' }, text: 'needs a sense this draft does not use' });
  }
  return items;
}

interface LegendLayout {
  height: number;
  placed: { item: LegendItem; x: number; y: number }[];
}

const MARK_WIDTH = 34;

function layoutLegend(items: LegendItem[], width: number): LegendLayout {
  const rowH = 24;
  let x = 0;
  let y = 26;
  const placed: LegendLayout['placed'] = [];
  for (const item of items) {
    const w = MARK_WIDTH + 8 + textWidth(item.text, SIZE.legend) + 26;
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowH;
    }
    placed.push({ item, x, y });
    x += w;
  }
  return { height: y + 10, placed };
}

function drawLegend(legend: LegendLayout, ox: number, oy: number): string[] {
  const out = ['<g data-legend="">', `<text x="${r(ox)}" y="${r(oy + 8)}" font-size="${SIZE.legend}" font-weight="700" fill="${INK.main}">Legend</text>`];
  for (const { item, x, y } of legend.placed) {
    const mx = ox + x;
    const my = oy + y;
    const m = item.mark;
    if (m.kind === 'box') out.push(`<rect x="${r(mx)}" y="${r(my - 8)}" width="${MARK_WIDTH}" height="16" rx="${m.rounded ? 8 : 4}" fill="${m.fill}" stroke="${m.stroke}" stroke-width="${m.strokeWidth}"/>`);
    else if (m.kind === 'dot') out.push(`<circle cx="${r(mx + MARK_WIDTH / 2)}" cy="${r(my)}" r="${JUNCTION / 2}" fill="${FILL.junction}"/>`);
    else {
      const pts = [{ x: mx, y: my }, { x: mx + MARK_WIDTH, y: my }];
      const line = m.head === 'arrow' ? shorten(pts, ARROW.length - 1) : pts;
      out.push(`<line x1="${r(line[0].x)}" y1="${r(line[0].y)}" x2="${r(line[1].x)}" y2="${r(line[1].y)}" stroke="${m.color}" stroke-width="2"${m.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
      if (m.head === 'arrow') out.push(arrowHead(pts, m.color));
      if (m.head === 'tee') out.push(teeHead(pts, m.color));
    }
    out.push(`<text x="${r(mx + MARK_WIDTH + 8)}" y="${r(my + 4.5)}" font-size="${SIZE.legend}" fill="${INK.main}">${xmlEscape(item.text)}</text>`);
  }
  out.push('</g>');
  return out;
}

/** Rounds to one decimal: stable text, small files. */
function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}
