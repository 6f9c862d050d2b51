/**
 * The concept map's graph model: what registry data becomes which clusters, nodes
 * and edges, and how a draft's uses become highlights.
 */
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { buildConceptGraph, type ConceptCluster, type ConceptGraph } from '../../server/src/core/features/graph';
import { diagramsOf } from '../../server/src/core/features/graph/diagrams';
import { houseRegistry } from '../helpers/registry';

const registry = presetRegistry('recommended');

function cluster(graph: ConceptGraph, title: string): ConceptCluster {
  const found = graph.clusters.find((c) => c.title === title);
  if (!found) throw new Error(`no cluster '${title}'; have: ${graph.clusters.map((c) => c.title).join(' | ')}`);
  return found;
}

/** "premise -> conclusion [label]" lines of a cluster, junctions written as "and(...)". */
function arrows(c: ConceptCluster): string[] {
  const name = (id: string): string => {
    const node = c.nodes.find((n) => n.id === id)!;
    if (node.kind !== 'junction') return node.label;
    return `and(${c.edges.filter((e) => e.to === id).map((e): string => `${name(e.from)}${e.label ? ` [${e.label}]` : ''}`).join(', ')})`;
  };
  return c.edges.filter((e) => e.kind !== 'premise').map((e) => `${name(e.from)} -${e.kind}-> ${name(e.to)}${e.label ? ` [${e.label}]` : ''}`);
}

describe('the registry graph', () => {
  const graph = buildConceptGraph(registry);

  it('draws both of Hubinger 2020\'s diagrams, told apart by the term impact alignment is reached through', () => {
    expect(graph.clusters.map((c) => c.title)).toEqual([
      'Hubinger 2020: impact alignment via intent alignment',
      'Hubinger 2020: impact alignment via robustness',
      'Hubinger 2020: facts beyond the arrows',
      'inner alignment: 4 senses',
      'outer alignment: 4 senses',
    ]);
    expect(arrows(cluster(graph, 'Hubinger 2020: impact alignment via intent alignment'))).toEqual([
      'and(outer alignment [objective-function], objective robustness) -implies-> intent alignment',
      'and(intent alignment, capability robustness) -implies-> impact alignment',
      'inner alignment -implies-> objective robustness [objective-focused · for mesa-optimizers]',
    ]);
    expect(arrows(cluster(graph, 'Hubinger 2020: impact alignment via robustness'))).toEqual([
      'inner alignment -implies-> objective robustness [objective-focused · for mesa-optimizers]',
      'and(objective robustness, capability robustness) -implies-> robustness',
      'and(outer alignment, robustness) -implies-> impact alignment',
    ]);
  });

  it('gives every arrow a tooltip with the framework, the senses and the note', () => {
    const diagram = cluster(graph, 'Hubinger 2020: impact alignment via intent alignment');
    expect(diagram.edges.map((e) => e.tooltip)).toContain('Hubinger 2020: inner alignment (objective-focused) ⇒ objective robustness — for mesa-optimizers');
    expect(diagram.nodes.filter((n) => n.kind === 'junction').map((n) => n.tooltip)).toEqual([
      'Hubinger 2020: outer alignment (objective-function) ∧ objective robustness ⇒ intent alignment (every premise is needed)',
      'Hubinger 2020: intent alignment ∧ capability robustness ⇒ impact alignment (every premise is needed)',
    ]);
  });

  it('marks contested and settled terms', () => {
    const diagram = cluster(graph, 'Hubinger 2020: impact alignment via intent alignment');
    const contested = diagram.nodes.filter((n) => n.kind === 'term' && n.contested).map((n) => n.label);
    expect(contested.sort()).toEqual(['inner alignment', 'outer alignment']);
    expect(diagram.nodes.find((n) => n.term === 'intent-alignment')!.tooltip).toBe('intent alignment: a settled term (one sense), in Hubinger 2020');
  });

  it('draws the classification and the denied requirement as facts', () => {
    expect(arrows(cluster(graph, 'Hubinger 2020: facts beyond the arrows'))).toEqual([
      'deceptive alignment -is-a-> inner alignment [is a kind of (objective-focused)]',
      'impact alignment -not-required-> inner alignment [does not require (objective-focused)]',
    ]);
  });

  it('fans out each contested term\'s senses, attributed to their sources', () => {
    const inner = cluster(graph, 'inner alignment: 4 senses');
    expect(inner.nodes.filter((n) => n.kind === 'sense').map((n) => `${n.label} — ${n.detail}`)).toEqual([
      'objective-focused — Hubinger 2020; Hubinger et al. 2019',
      'generalization-focused — Shah; Koch et al. 2021; Clarifying the confusion around inner alignment 2022',
      'optimization-focused — Wentworth 2020; Clarifying the confusion around inner alignment 2022',
      'inductive-bias-focused — Ngo 2022',
    ]);
    expect(inner.edges.every((e) => e.kind === 'sense-of')).toBe(true);
    // The bare word "alignment" is off in recommended and in no arrow: no fan for it.
    expect(graph.clusters.some((c) => c.title.startsWith('alignment:'))).toBe(false);
    expect(buildConceptGraph(presetRegistry('strict')).clusters.map((c) => c.title)).toContain('alignment: 2 senses');
  });

  it('uses ids that are bare DOT and Mermaid identifiers, unique across the graph', () => {
    const ids = graph.clusters.flatMap((c) => [c.id, ...c.nodes.map((n) => n.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});

describe('a draft\'s highlights', () => {
  const draft = [
    '---',
    'alignment-terms:',
    '  inner-alignment: objective-focused',
    '---',
    'A mesa-optimizer can be inner misaligned.',
    '',
    'Outer alignment matters too. So does outer misalignment.',
    '',
    'The term "capability robustness" is only mentioned here.',
    '',
    '<!-- alignment-terms pin inner-alignment=generalization-focused -->',
    'After deployment, inner alignment fails. Inner misalignment again.',
  ].join('\n');
  const graph = buildConceptGraph(registry, { analysis: analyze(draft, registry), draft: 'post.md' });
  const diagram = cluster(graph, 'Hubinger 2020: impact alignment via intent alignment');
  const node = (term: string) => diagram.nodes.find((n) => n.term === term)!;

  it('names the draft in the title', () => {
    expect(graph.title).toBe('Concept map of post.md');
    expect(graph.draft).toBe('post.md');
  });

  it('captions each used term with the sense it is in, and ambiguous uses with their count', () => {
    expect(node('inner-alignment').use).toMatchObject({ state: 'mixed', caption: 'objective-focused (pinned) · generalization-focused (pinned) ×2', uses: 3 });
    expect(node('outer-alignment').use).toMatchObject({ state: 'ambiguous', caption: 'ambiguous ×2', uses: 2 });
  });

  it('does not count a mention as a use', () => {
    expect(node('capability-robustness').use).toBeUndefined();
    expect(node('intent-alignment').use).toBeUndefined();
  });

  it('outlines the senses in force in the fan, and lists used terms the graph does not have', () => {
    const fan = cluster(graph, 'inner alignment: 4 senses');
    expect(fan.nodes.filter((n) => n.kind === 'sense' && n.use).map((n) => `${n.label}: ${n.use!.caption}`)).toEqual([
      'objective-focused: this draft (pinned)',
      'generalization-focused: this draft (pinned)',
    ]);
    expect(cluster(graph, 'Other terms this draft uses').nodes.map((n) => `${n.label}: ${n.use?.caption}`)).toEqual(['mesa-optimizer: settled']);
  });

  it('flags an arrow whose sense the draft never uses', () => {
    const behavioural = '---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\nInner alignment failed. Deceptive alignment did not come up.\n';
    const g = buildConceptGraph(registry, { analysis: analyze(behavioural, registry) });
    const edge = cluster(g, 'Hubinger 2020: impact alignment via intent alignment').edges.find((e) => e.label?.startsWith('objective-focused'))!;
    expect(edge.conflict).toBe('this draft uses inner alignment in the generalization-focused sense; this arrow needs objective-focused');
    expect(edge.tooltip).toContain('Note: this draft uses inner alignment in the generalization-focused sense');
    expect(cluster(g, 'Hubinger 2020: facts beyond the arrows').edges.find((e) => e.kind === 'is-a')!.conflict).toBeDefined();
    // Where the draft uses the needed sense (or cannot tell), nothing is flagged.
    expect(graph.clusters.flatMap((c) => c.edges).filter((e) => e.conflict)).toEqual([]);
  });

  it('shows the draft\'s own definition as a sense of its own', () => {
    const own = 'By inner alignment I mean that the model never surprises its developers.\n\nInner alignment is hard.\n';
    const g = buildConceptGraph(registry, { analysis: analyze(own, registry) });
    const fan = cluster(g, 'inner alignment: 4 senses');
    expect(fan.nodes.find((n) => n.sense === 'custom')).toMatchObject({ label: 'own definition', use: { caption: 'this draft (defined)' } });
    expect(fan.nodes.find((n) => n.kind === 'term')!.use!.caption).toBe('own definition (defined)');
  });
});

describe('a team\'s own framework', () => {
  const house = houseRegistry(`
extends: recommended
sources:
  our-2024:
    authors: [A. Team]
    title: Our safety case
    year: 2024
terms:
  corrigibility:
    label: corrigibility
    forms: [corrigibility, corrigible]
  shutdownability:
    label: shutdownability
    forms: [shutdownability]
implications:
  - id: shutdown-from-corrigible
    framework: our-2024
    all: [corrigibility]
    gives: shutdownability
`);

  it('is drawn as a diagram of its own, named after its source', () => {
    const graph = buildConceptGraph(house);
    expect(arrows(cluster(graph, 'Team 2024'))).toEqual(['corrigibility -implies-> shutdownability']);
  });
});

describe('diagramsOf', () => {
  const arrow = (id: string, all: string[], gives: string) => ({ id, all, gives });

  it('one derivation: one diagram, no "via"', () => {
    expect(diagramsOf([arrow('a', ['x', 'y'], 'z'), arrow('b', ['w'], 'x')])).toEqual([{ conclusion: 'z', via: [], arrows: [arrow('a', ['x', 'y'], 'z'), arrow('b', ['w'], 'x')] }]);
  });

  it('a cycle terminates and keeps every arrow', () => {
    const cyclic = [arrow('a', ['x'], 'y'), arrow('b', ['y'], 'x')];
    const diagrams = diagramsOf(cyclic);
    expect(diagrams.flatMap((d) => d.arrows.map((a) => a.id)).sort()).toEqual(['a', 'b']);
  });

  it('too many alternative derivations: drawn as one diagram', () => {
    const many = ['p', 'q', 'r', 's', 't'].map((p) => arrow(p, [p], 'goal'));
    expect(diagramsOf(many)).toEqual([{ conclusion: null, via: [], arrows: many }]);
  });
});
