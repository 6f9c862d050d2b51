/**
 * The concept map's renderers: DOT and Mermaid as text snapshots (registry alone,
 * and with a draft's highlights); the SVG is well-formed XML, names every node, and
 * nothing in it overlaps.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { buildConceptGraph, renderDot, renderMermaid, renderSvg, type ConceptGraph } from '../../server/src/core/features/graph';
import { closestOrdered, layeredLayout } from '../../server/src/core/features/graph/layout';
import { houseRegistry } from '../helpers/registry';

const registry = presetRegistry('recommended');

/** A draft using both contested terms: one pinned and re-pinned per section, one ambiguous; a settled term; a mention. */
const DRAFT = [
  '---',
  'alignment-terms:',
  '  inner-alignment: objective-focused',
  '---',
  '# Incidents',
  '',
  'A planner with a mesa-optimizer whose mesa-objective differs from the base objective shows inner misalignment.',
  '',
  'Outer alignment was debated; the term "deceptive alignment" came up once.',
  '',
  '<!-- alignment-terms pin inner-alignment=generalization-focused -->',
  '## Appendix',
  '',
  'After a distributional shift the system stays competent but is inner misaligned.',
  '',
].join('\n');

const registryGraph = buildConceptGraph(registry);
const draftGraph = buildConceptGraph(registry, { analysis: analyze(DRAFT, registry), draft: 'incidents.md' });

describe('DOT', () => {
  it('the registry', async () => {
    await expect(renderDot(registryGraph)).toMatchFileSnapshot('__snapshots__/graph-registry.dot');
  });

  it('with a draft\'s highlights', async () => {
    const dot = renderDot(draftGraph);
    expect(dot).toContain('c0_inner_alignment [label=<<B>inner alignment</B><BR/><FONT POINT-SIZE="10" COLOR="#8250df">objective-focused (pinned)</FONT><BR/><FONT POINT-SIZE="10" COLOR="#8250df">generalization-focused (pinned)</FONT>>');
    expect(dot).toContain('color="#bc4c00", penwidth=3'); // outer alignment: ambiguous
    await expect(dot).toMatchFileSnapshot('__snapshots__/graph-draft.dot');
  });

  it('escapes quotes and markup from a glossary', () => {
    const house = houseRegistry(`
extends: recommended
terms:
  x-term:
    label: 'the "x" <term> \\ back'
    forms: [x-term]
implications:
  - { id: a, framework: 'our "lab"', all: [x-term], gives: impact-alignment }
`);
    const dot = renderDot(buildConceptGraph(house));
    expect(dot).toContain('label=<<B>the &quot;x&quot; &lt;term&gt; \\ back</B>>');
    expect(dot).toContain('label="our \\"lab\\""');
  });
});

describe('Mermaid', () => {
  it('the registry', async () => {
    const text = renderMermaid(registryGraph);
    expect(text.split('\n').slice(0, 4)).toEqual(['---', 'title: "Concept map of the alignment-terms registry"', '---', 'flowchart BT']);
    await expect(text).toMatchFileSnapshot('__snapshots__/graph-registry.mmd');
  });

  it('with a draft\'s highlights', async () => {
    const text = renderMermaid(draftGraph);
    expect(text).toContain('c0_inner_alignment["inner alignment<br/>objective-focused (pinned)<br/>generalization-focused (pinned)"]');
    expect(text).toMatch(/class [a-z0-9_,]*c0_outer_alignment[a-z0-9_,]* ambiguous/);
    await expect(text).toMatchFileSnapshot('__snapshots__/graph-draft.mmd');
  });

  it('numbers linkStyle lines by edge, in order', () => {
    const text = renderMermaid(registryGraph);
    const edges = text.split('\n').filter((l) => /^ {4}\S+ (-->|---|-\.->|-\.-)/.test(l)).length;
    const styles = text.split('\n').filter((l) => l.startsWith('  linkStyle ')).map((l) => Number(l.split(' ')[3]));
    expect(styles).toEqual(Array.from({ length: edges }, (_, i) => i));
  });

  it('escapes quotes and markup with Mermaid entity codes', () => {
    const house = houseRegistry(`
extends: recommended
terms:
  x-term:
    label: 'say "x" <b> #1'
    forms: [x-term]
implications:
  - { id: a, all: [x-term], gives: impact-alignment }
`);
    expect(renderMermaid(buildConceptGraph(house))).toContain('["say #quot;x#quot; #lt;b#gt; #35;1"]');
  });
});

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses SVG text into a small element tree (fast-xml-parser, order preserved). */
function parseSvg(svg: string): Element {
  const raw = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, processEntities: true, htmlEntities: false }).parse(svg) as unknown[];
  const convert = (node: Record<string, unknown>): Element | null => {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') return null;
    const children = (node[name] as Record<string, unknown>[]).map(convert).filter((x): x is Element => !!x);
    const ownText = (node[name] as Record<string, unknown>[]).filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    return { name, attrs: (node[':@'] as Record<string, string>) ?? {}, children, text: ownText };
  };
  return (raw as Record<string, unknown>[]).map(convert).find((e) => e?.name === 'svg')!;
}

function all(root: Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    if (test(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

interface Rect {
  what: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const rectOf = (e: Element, what: string): Rect => ({ what, x: Number(e.attrs.x), y: Number(e.attrs.y), w: Number(e.attrs.width), h: Number(e.attrs.height) });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function checkSvg(graph: ConceptGraph): void {
  const svg = renderSvg(graph);
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parseSvg(svg);
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  const width = Number(root.attrs.width);
  const height = Number(root.attrs.height);

  // Every node is drawn, with its label as text.
  const groups = new Map(all(root, (e) => e.name === 'g' && 'data-node' in e.attrs).map((g) => [g.attrs['data-node'], g]));
  const nodes = graph.clusters.flatMap((c) => c.nodes);
  expect(groups.size).toBe(nodes.length);
  const boxes: Rect[] = [];
  for (const node of nodes) {
    const g = groups.get(node.id);
    expect(g, `node ${node.id}`).toBeDefined();
    const texts = all(g!, (e) => e.name === 'text').map((t) => t.text);
    if (node.kind === 'junction') {
      expect(texts).toEqual(['and']);
      continue;
    }
    expect(texts.slice(0, node.label.split(' ').length).join(' ')).toContain(node.label.split(' ')[0]);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toContain(node.label);
    if (node.use) for (const part of node.use.caption.split(' · ')) expect(texts.join(' ')).toContain(part.split(' ')[0]);
    const rects = all(g!, (e) => e.name === 'rect');
    boxes.push(rectOf(rects[rects.length - 1], `node ${node.id}`));
  }
  // Every edge is drawn; edge labels sit on white boxes.
  const edges = graph.clusters.flatMap((c) => c.edges);
  expect(all(root, (e) => e.name === 'g' && 'data-edge' in e.attrs)).toHaveLength(edges.length);
  const labels = all(root, (e) => e.name === 'g' && 'data-edge-label' in e.attrs).map((g) => rectOf(g.children.find((c) => c.name === 'rect')!, `label ${g.attrs['data-edge-label']}`));
  expect(labels).toHaveLength(edges.filter((e) => e.label).length);

  // Legible: no two boxes or labels overlap, and all lie inside the drawing.
  const things = [...boxes, ...labels];
  for (let i = 0; i < things.length; i++) {
    const a = things[i];
    expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= width && a.y + a.h <= height, `${a.what} inside`).toBe(true);
    for (let j = i + 1; j < things.length; j++) expect(overlap(a, things[j]), `${a.what} overlaps ${things[j].what}`).toBe(false);
  }
}

describe('SVG', () => {
  it('the registry: well-formed, every node named, nothing overlapping', () => {
    checkSvg(registryGraph);
  });

  it('with a draft: the same, and highlights drawn', () => {
    checkSvg(draftGraph);
    const svg = renderSvg(draftGraph);
    expect(svg).toContain('this draft: has ambiguous uses');
    expect(svg).toMatch(/stroke="#8250df" stroke-width="3"/);
  });

  it('stays well-formed with markup and long labels from a glossary', () => {
    const house = houseRegistry(`
extends: recommended
terms:
  x-term:
    label: 'a <very> long & "quoted" term label that has to wrap over several lines of the box'
    forms: [x-term]
implications:
  - { id: a, framework: "lab's <own>", all: [x-term, outer-alignment], gives: impact-alignment, note: 'only if the moon & stars align' }
`);
    checkSvg(buildConceptGraph(house));
  });

  it('is deterministic', () => {
    expect(renderSvg(draftGraph)).toBe(renderSvg(buildConceptGraph(registry, { analysis: analyze(DRAFT, registry), draft: 'incidents.md' })));
  });

  it('uses no scripts, styles or external references (a strict CSP webview shows it)', () => {
    const svg = renderSvg(draftGraph);
    expect(svg).not.toMatch(/<script|<style|\sstyle=|href=|url\(|<foreignObject|\son[a-z]+=/i);
  });
});

describe('layout', () => {
  it('puts conclusions above premises, one layer per step', () => {
    const result = layeredLayout(
      [{ id: 'impact', width: 100, height: 30 }, { id: 'and', width: 10, height: 10, point: true }, { id: 'intent', width: 100, height: 30 }, { id: 'cap', width: 100, height: 30 }],
      [{ from: 'intent', to: 'and' }, { from: 'cap', to: 'and' }, { from: 'and', to: 'impact' }],
    );
    const y = (id: string) => result.nodes.get(id)!.y;
    expect(y('impact')).toBeLessThan(y('and'));
    expect(y('and')).toBeLessThan(y('intent'));
    expect(y('intent')).toBe(y('cap'));
    // The junction sits between its premises.
    const x = (id: string) => result.nodes.get(id)!.x;
    expect(x('and')).toBeGreaterThan(Math.min(x('intent'), x('cap')));
    expect(x('and')).toBeLessThan(Math.max(x('intent'), x('cap')));
  });

  it('routes a long edge through a bend per layer crossed, and survives a cycle', () => {
    const result = layeredLayout(
      ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 40, height: 20 })),
      [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }, { from: 'c', to: 'd' }, { from: 'd', to: 'c' }],
    );
    expect(result.edges[2].points).toHaveLength(3);
    expect(result.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it('closestOrdered keeps order and gaps, and moves nothing that already fits', () => {
    expect(closestOrdered([0, 100, 200], [0, 50, 50])).toEqual([0, 100, 200]);
    expect(closestOrdered([10, 10, 10], [0, 20, 20])).toEqual([-10, 10, 30]);
  });
});
