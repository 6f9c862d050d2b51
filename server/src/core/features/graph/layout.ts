/**
 * A small layered (Sugiyama-style) layout for one cluster of the concept map. The
 * graphs are tiny (tens of nodes), so clarity beats speed:
 *
 * 1. cycles are broken by reversing back edges found by a depth-first search;
 * 2. layers by longest path *to a sink*, so conclusions sit in the top row and each
 *    premise sits right below what it implies (Hubinger's tree reads as drawn);
 * 3. edges spanning several layers get dummy points, one per layer crossed;
 * 4. order within layers by barycentric sweeps, keeping the order with the fewest
 *    crossings;
 * 5. x by repeatedly pulling each node toward the mean of its neighbours, solved
 *    exactly per layer (isotonic regression keeps order and minimum gaps);
 * 6. edge labels go into the gap their edge crosses, on the edge, each gap growing
 *    enough slots that no two labels overlap.
 *
 * Pure geometry: sizes in, positions out. Deterministic for the same input.
 */

/** A box to place (a junction is a small square box the renderer draws as a dot). */
export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  /** Junctions attach edges at their centre rather than on a side. */
  point?: boolean;
}

/** An edge to route, with the size of its label if it has one. */
export interface LayoutEdgeInput {
  from: string;
  to: string;
  label?: { width: number; height: number };
}

/** Spacing options (px). */
export interface LayoutOptions {
  /** Horizontal gap between neighbouring boxes in a layer. */
  nodeGap: number;
  /** Smallest vertical gap between layers (long enough for an arrowhead to be seen). */
  layerGap: number;
  /**
   * `vertical` (default): sinks in the top row, sources below. `horizontal`: sinks in
   * the left column, sources to the right (the same layout, transposed), which keeps
   * a fan of many leaves narrow.
   */
  direction: 'vertical' | 'horizontal';
  /** Where a box sits in its row: centred, or flush with the row's side that faces the sinks (a ragged fan then starts on one line). */
  align: 'center' | 'sink-side';
}

/** A point. */
export interface Point {
  x: number;
  y: number;
}

/** Where everything went; (0,0) is the top-left of the content. */
export interface LayoutResult {
  width: number;
  height: number;
  /** Centre of each node. */
  nodes: Map<string, Point>;
  /** Per input edge (same order): the polyline from the source's border to the target's, and its label's centre. */
  edges: { points: Point[]; label?: Point }[];
}

const DEFAULTS: LayoutOptions = { nodeGap: 28, layerGap: 44, direction: 'vertical', align: 'center' };
const LABEL_PAD = 6;
const SLOT_GAP = 4;

interface Item {
  id: string;
  width: number;
  height: number;
  point: boolean;
  dummy: boolean;
  layer: number;
  x: number;
}

/** Lays out one connected-or-not graph. Edges naming unknown nodes are ignored (routed as empty polylines). */
export function layeredLayout(nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], options: Partial<LayoutOptions> = {}): LayoutResult {
  const opt = { ...DEFAULTS, ...options };
  if (opt.direction === 'horizontal') {
    const swap = <T extends { width: number; height: number }>(x: T): T => ({ ...x, width: x.height, height: x.width });
    const t = layeredLayout(nodes.map(swap), edges.map((e) => (e.label ? { ...e, label: swap(e.label) } : e)), { ...opt, direction: 'vertical' });
    const flip = (p: Point): Point => ({ x: p.y, y: p.x });
    return {
      width: t.height,
      height: t.width,
      nodes: new Map([...t.nodes].map(([id, p]) => [id, flip(p)])),
      edges: t.edges.map((e) => ({ points: e.points.map(flip), ...(e.label ? { label: flip(e.label) } : {}) })),
    };
  }
  const items = new Map<string, Item>();
  for (const n of nodes) items.set(n.id, { id: n.id, width: n.width, height: n.height, point: !!n.point, dummy: false, layer: 0, x: 0 });
  const valid = edges.map((e) => items.has(e.from) && items.has(e.to) && e.from !== e.to);

  // 1. Orient edges so the graph is acyclic (a reversed edge is still drawn toward its real target).
  const oriented = edges.map((e, i) => (valid[i] ? { from: e.from, to: e.to } : null));
  const backEdges = findBackEdges(nodes.map((n) => n.id), oriented);
  for (const i of backEdges) oriented[i] = { from: oriented[i]!.to, to: oriented[i]!.from };

  // 2. Layer = longest path to a sink; layer 0 is the top row.
  const succ = new Map<string, string[]>();
  for (const e of oriented) if (e) succ.set(e.from, [...(succ.get(e.from) ?? []), e.to]);
  const memo = new Map<string, number>();
  const depth = (id: string): number => {
    if (memo.has(id)) return memo.get(id)!;
    memo.set(id, 0);
    const d = Math.max(-1, ...(succ.get(id) ?? []).map(depth)) + 1;
    memo.set(id, d);
    return d;
  };
  for (const item of items.values()) item.layer = depth(item.id);

  // 3. Chains of dummies for long edges. Each edge becomes a list of item ids, source first.
  const chains: string[][] = oriented.map((e, i) => {
    if (!e) return [];
    const chain = [e.from];
    const from = items.get(e.from)!;
    const to = items.get(e.to)!;
    for (let layer = from.layer - 1; layer > to.layer; layer--) {
      const id = `\0dummy${i}_${layer}`;
      items.set(id, { id, width: 1, height: 1, point: true, dummy: true, layer, x: 0 });
      chain.push(id);
    }
    chain.push(e.to);
    return chain;
  });

  const layerCount = Math.max(0, ...[...items.values()].map((i) => i.layer)) + 1;
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  for (const item of items.values()) layers[item.layer].push(item);
  const up = new Map<string, string[]>(); // neighbours in the layer above (smaller index)
  const down = new Map<string, string[]>();
  for (const chain of chains) {
    for (let k = 0; k + 1 < chain.length; k++) {
      const [lower, upper] = [chain[k], chain[k + 1]];
      up.set(lower, [...(up.get(lower) ?? []), upper]);
      down.set(upper, [...(down.get(upper) ?? []), lower]);
    }
  }

  // 4. Ordering.
  orderLayers(layers, up, down);

  // 5. Coordinates.
  assignX(layers, up, down, opt.nodeGap);

  // Where edges attach along a box's top or bottom side (depends on x only).
  const ports = computePorts(chains, items);
  const endX = (index: number, id: string) => {
    const chain = chains[index];
    const k = chain.indexOf(id);
    return items.get(id)!.x + (ports.get(`${index}:${k}`) ?? 0);
  };

  // 6. Vertical placement, with room for labels in each gap.
  const labelled = edges.map((e, i) => (valid[i] && e.label ? { index: i, size: e.label } : null)).filter((x): x is { index: number; size: { width: number; height: number } } => !!x);
  const rowHeight = layers.map((l) => Math.max(0, ...l.map((i) => (i.dummy ? 0 : i.height))));
  // The segment of each labelled edge that carries the label: the one leaving its real source.
  const labelSegment = new Map<number, { gap: number; a: string; b: string }>();
  for (const { index } of labelled) {
    const chain = chains[index];
    const reversed = backEdges.has(index);
    // Upper end of the first segment seen from the real source.
    const [a, b] = reversed ? [chain[chain.length - 1], chain[chain.length - 2]] : [chain[0], chain[1]];
    const gap = Math.min(items.get(a)!.layer, items.get(b)!.layer); // gap k lies between layer k and k+1
    labelSegment.set(index, { gap, a, b });
  }
  const gaps: { slots: number; placed: Map<number, number> }[] = Array.from({ length: Math.max(0, layerCount - 1) }, () => ({ slots: 1, placed: new Map() }));
  const slotHeight = Math.max(0, ...labelled.map((l) => l.size.height)) + SLOT_GAP;
  for (let g = 0; g < gaps.length; g++) {
    const mine = labelled.filter((l) => labelSegment.get(l.index)!.gap === g);
    for (let slots = 1; slots <= Math.max(1, mine.length); slots++) {
      const placed = placeLabels(mine, slots, (index, t) => {
        const seg = labelSegment.get(index)!;
        const [top, bottom] = items.get(seg.a)!.layer < items.get(seg.b)!.layer ? [seg.a, seg.b] : [seg.b, seg.a];
        return endX(index, top) + (endX(index, bottom) - endX(index, top)) * t;
      });
      if (placed) {
        gaps[g] = { slots, placed };
        break;
      }
    }
  }
  const gapHeight = gaps.map((g) => (g.placed.size ? Math.max(opt.layerGap, g.slots * slotHeight + 2 * LABEL_PAD + 28) : opt.layerGap));
  const rowTop: number[] = [];
  let y = 0;
  for (let k = 0; k < layerCount; k++) {
    rowTop.push(y);
    y += rowHeight[k] + (k < gapHeight.length ? gapHeight[k] : 0);
  }
  const height = y;
  const centre = (item: Item): Point => ({ x: item.x, y: rowTop[item.layer] + (opt.align === 'sink-side' && !item.dummy ? item.height / 2 : rowHeight[item.layer] / 2) });

  // Edge polylines: leave the source's top (it is lower), enter the target's bottom, spread along the side when several meet.
  const result: LayoutResult = { width: 0, height, nodes: new Map(), edges: [] };
  for (const item of items.values()) if (!item.dummy) result.nodes.set(item.id, centre(item));
  edges.forEach((_, i) => {
    const chain = chains[i];
    if (!chain.length) {
      result.edges.push({ points: [] });
      return;
    }
    const points = chain.map((id, k) => {
      const item = items.get(id)!;
      const c = centre(item);
      if (item.dummy || item.point) return c;
      const port = ports.get(`${i}:${k}`) ?? 0;
      // The chain runs from the lower item (larger layer) upward.
      return k === 0 ? { x: c.x + port, y: c.y - item.height / 2 } : { x: c.x + port, y: c.y + item.height / 2 };
    });
    if (backEdges.has(i)) points.reverse();
    const entry: { points: Point[]; label?: Point } = { points };
    const seg = labelSegment.get(i);
    if (seg) {
      const gap = gaps[seg.gap];
      const slot = gap.placed.get(i) ?? 0;
      const top = rowTop[seg.gap] + rowHeight[seg.gap];
      const bottom = rowTop[seg.gap + 1];
      const ly = top + (bottom - top - gap.slots * slotHeight) / 2 + (slot + 0.5) * slotHeight;
      entry.label = { x: xAtY(points, ly), y: ly };
    }
    result.edges.push(entry);
  });

  // Normalize so everything (boxes and labels) starts at x = 0.
  let minX = Infinity;
  let maxX = -Infinity;
  for (const item of items.values()) {
    minX = Math.min(minX, item.x - item.width / 2);
    maxX = Math.max(maxX, item.x + item.width / 2);
  }
  result.edges.forEach((e, i) => {
    if (!e.label) return;
    const w = edges[i].label!.width;
    minX = Math.min(minX, e.label.x - w / 2);
    maxX = Math.max(maxX, e.label.x + w / 2);
  });
  if (!Number.isFinite(minX)) return { width: 0, height: 0, nodes: new Map(), edges: edges.map(() => ({ points: [] })) };
  for (const [id, p] of result.nodes) result.nodes.set(id, { x: p.x - minX, y: p.y });
  for (const e of result.edges) {
    e.points = e.points.map((p) => ({ x: p.x - minX, y: p.y }));
    if (e.label) e.label = { x: e.label.x - minX, y: e.label.y };
  }
  result.width = maxX - minX;
  return result;
}

/** Indices of edges that close a cycle (DFS in input order, so the result is stable). */
function findBackEdges(ids: string[], edges: ({ from: string; to: string } | null)[]): Set<number> {
  const out = new Map<string, number[]>();
  edges.forEach((e, i) => e && out.set(e.from, [...(out.get(e.from) ?? []), i]));
  const state = new Map<string, 1 | 2>();
  const back = new Set<number>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const i of out.get(id) ?? []) {
      const to = edges[i]!.to;
      const s = state.get(to);
      if (s === 1) back.add(i);
      else if (s === undefined) visit(to);
    }
    state.set(id, 2);
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return back;
}

/** Barycentric sweeps down and up; keeps the ordering with the fewest crossings. */
function orderLayers(layers: Item[][], up: Map<string, string[]>, down: Map<string, string[]>): void {
  const position = new Map<string, number>();
  const index = () => layers.forEach((l) => l.forEach((item, i) => position.set(item.id, i)));
  index();
  let best = layers.map((l) => [...l]);
  let bestCrossings = crossings(layers, up, position);
  for (let round = 0; round < 12 && bestCrossings > 0; round++) {
    const downward = round % 2 === 0;
    const range = downward ? layers.map((_, k) => k).slice(1) : layers.map((_, k) => k).slice(0, -1).reverse();
    for (const k of range) {
      const neighbours = downward ? up : down;
      const bary = new Map<string, number>();
      layers[k].forEach((item, i) => {
        const ns = neighbours.get(item.id) ?? [];
        bary.set(item.id, ns.length ? ns.reduce((s, n) => s + position.get(n)!, 0) / ns.length : i);
      });
      layers[k].sort((a, b) => bary.get(a.id)! - bary.get(b.id)!);
      layers[k].forEach((item, i) => position.set(item.id, i));
    }
    const c = crossings(layers, up, position);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, k) => (layers[k] = l));
}

function crossings(layers: Item[][], up: Map<string, string[]>, position: Map<string, number>): number {
  let count = 0;
  for (let k = 1; k < layers.length; k++) {
    const segs: [number, number][] = [];
    for (const item of layers[k]) for (const n of up.get(item.id) ?? []) segs.push([position.get(item.id)!, position.get(n)!]);
    for (let i = 0; i < segs.length; i++) {
      for (let j = i + 1; j < segs.length; j++) {
        if ((segs[i][0] - segs[j][0]) * (segs[i][1] - segs[j][1]) < 0) count++;
      }
    }
  }
  return count;
}

/** Places each layer's items, then pulls them toward their neighbours, a few times each way. */
function assignX(layers: Item[][], up: Map<string, string[]>, down: Map<string, string[]>, gap: number): void {
  // Bends keep a full gap from boxes too: a line grazing a box reads as touching it.
  const sep = (a: Item, b: Item) => (a.width + b.width) / 2 + (a.dummy && b.dummy ? gap / 2 : gap);
  for (const layer of layers) {
    let x = 0;
    layer.forEach((item, i) => {
      if (i > 0) x += sep(layer[i - 1], item);
      item.x = x;
    });
  }
  const byId = new Map<string, Item>();
  for (const layer of layers) for (const item of layer) byId.set(item.id, item);
  const pull = (layer: Item[], neighbours: Map<string, string[]>[]) => {
    const desired = layer.map((item) => {
      const ns = neighbours.flatMap((m) => m.get(item.id) ?? []);
      return ns.length ? ns.reduce((s, n) => s + byId.get(n)!.x, 0) / ns.length : item.x;
    });
    const xs = closestOrdered(desired, layer.map((item, i) => (i === 0 ? 0 : sep(layer[i - 1], item))));
    layer.forEach((item, i) => (item.x = xs[i]));
  };
  for (let round = 0; round < 8; round++) {
    for (let k = 1; k < layers.length; k++) pull(layers[k], [up]);
    for (let k = layers.length - 2; k >= 0; k--) pull(layers[k], [down]);
  }
  // A last balanced pass toward both sides, so a node sits between what it joins.
  for (let k = 0; k < layers.length; k++) pull(layers[k], [up, down]);
}

/**
 * The positions closest (least squares) to `desired` that keep the order and the
 * minimum gaps: x[i] - x[i-1] >= gaps[i]. Shifting by the cumulative gaps turns it
 * into isotonic regression, solved by pool-adjacent-violators.
 */
export function closestOrdered(desired: number[], gaps: number[]): number[] {
  const offset: number[] = [];
  let acc = 0;
  gaps.forEach((g, i) => {
    acc += i === 0 ? 0 : g;
    offset.push(acc);
  });
  const target = desired.map((d, i) => d - offset[i]);
  const blocks: { sum: number; n: number }[] = [];
  for (const t of target) {
    blocks.push({ sum: t, n: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].sum / blocks[blocks.length - 2].n > blocks[blocks.length - 1].sum / blocks[blocks.length - 1].n) {
      const b = blocks.pop()!;
      blocks[blocks.length - 1].sum += b.sum;
      blocks[blocks.length - 1].n += b.n;
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let i = 0; i < b.n; i++) out.push(b.sum / b.n + offset[out.length]);
  return out;
}

/**
 * Assigns labels of one gap to `slots` rows so no two in a row overlap, each label
 * sitting on its own edge. Returns edge index -> slot, or null when it cannot.
 * `xAt(index, t)` is the edge's x at fraction t of the gap (0 top, 1 bottom).
 */
function placeLabels(labels: { index: number; size: { width: number } }[], slots: number, xAt: (index: number, t: number) => number): Map<number, number> | null {
  const rows: [number, number][][] = Array.from({ length: slots }, () => []);
  const placed = new Map<number, number>();
  // Middle slots first: a label near the middle of its edge reads best.
  const preference = Array.from({ length: slots }, (_, i) => i).sort((a, b) => Math.abs(a - (slots - 1) / 2) - Math.abs(b - (slots - 1) / 2));
  const sorted = [...labels].sort((a, b) => xAt(a.index, 0.5) - xAt(b.index, 0.5));
  for (const label of sorted) {
    let done = false;
    for (const slot of preference) {
      const x = xAt(label.index, (slot + 0.5) / slots);
      const span: [number, number] = [x - label.size.width / 2 - 8, x + label.size.width / 2 + 8];
      if (rows[slot].some(([a, b]) => span[0] < b && a < span[1])) continue;
      rows[slot].push(span);
      placed.set(label.index, slot);
      done = true;
      break;
    }
    if (!done) return null;
  }
  return placed;
}

/**
 * Attachment offsets along a node's top or bottom side, so arrows meeting one node
 * do not pile onto one point. Keyed by `${edge}:${position in chain}`.
 */
function computePorts(chains: string[][], items: Map<string, Item>): Map<string, number> {
  const bySide = new Map<string, { key: string; towardX: number }[]>();
  chains.forEach((chain, i) => {
    if (chain.length < 2) return;
    const ends: [number, number][] = [[0, 1], [chain.length - 1, chain.length - 2]];
    for (const [k, other] of ends) {
      const item = items.get(chain[k])!;
      if (item.point || item.dummy) continue;
      const side = `${chain[k]}:${k === 0 ? 'top' : 'bottom'}`;
      const list = bySide.get(side) ?? [];
      list.push({ key: `${i}:${k}`, towardX: items.get(chain[other])!.x });
      bySide.set(side, list);
    }
  });
  const ports = new Map<string, number>();
  for (const [side, list] of bySide) {
    if (list.length < 2) continue;
    const item = items.get(side.slice(0, side.lastIndexOf(':')))!;
    const span = Math.min(item.width * 0.6, (list.length - 1) * 24);
    list.sort((a, b) => a.towardX - b.towardX);
    list.forEach((entry, j) => ports.set(entry.key, -span / 2 + (span * j) / (list.length - 1)));
  }
  return ports;
}

/** The x of the polyline at height y (the polyline runs monotonically in y). */
function xAtY(points: Point[], y: number): number {
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if ((a.y - y) * (b.y - y) <= 0 && a.y !== b.y) return a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y);
  }
  return points.length ? points[0].x : 0;
}
