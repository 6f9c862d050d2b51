/**
 * The concept map as a Mermaid flowchart, to paste into a GitHub comment or any
 * Markdown that renders ```mermaid blocks. Same structure as the DOT output: one
 * subgraph per cluster, premises below conclusions (flowchart BT). AND junctions
 * are small circles reading "and"; highlights are classes with a thick border, and
 * the caption is a second line of the label.
 */
import { CAPTION_SEPARATOR, type ConceptCluster, type ConceptGraph, type ConceptNode } from './model';
import { CONFLICT_COLOR, DENIAL_COLOR, EDGE_LOOK, FILL, INK, USE_COLOR, accentColor } from './style';
import { mermaidText } from './text';

/** Renders `graph` as Mermaid flowchart source (deterministic: same graph, same text). */
export function renderMermaid(graph: ConceptGraph): string {
  const out: string[] = [];
  out.push('---');
  out.push(`title: ${JSON.stringify(graph.title)}`);
  out.push('---');
  out.push('flowchart BT');
  const classes = new Map<string, string[]>();
  const addClass = (name: string, id: string) => classes.set(name, [...(classes.get(name) ?? []), id]);
  const linkStyles: string[] = [];
  let edgeIndex = 0;
  const dim = graph.draft !== undefined;
  for (const cluster of graph.clusters) {
    out.push(`  subgraph ${cluster.id}["${mermaidText(cluster.title)}"]`);
    for (const node of cluster.nodes) {
      out.push(`    ${node.id}${shape(node)}`);
      for (const name of classesOf(node, dim)) addClass(name, node.id);
    }
    for (const edge of cluster.edges) {
      const look = EDGE_LOOK[edge.kind];
      const label = edge.label ? `|"${mermaidText(edge.label)}"|` : '';
      const arrow = look.dashed ? (look.arrowhead ? '-.->' : '-.-') : look.arrowhead ? '-->' : '---';
      out.push(`    ${edge.from} ${arrow}${label} ${edge.to}`);
      linkStyles.push(`  linkStyle ${edgeIndex} ${edgeStyle(edge, cluster)}`);
      edgeIndex++;
    }
    out.push('  end');
  }
  for (const cluster of graph.clusters) out.push(`  style ${cluster.id} fill:#ffffff,stroke:${accentColor(cluster.accent)}`);
  out.push(`  classDef settled fill:${FILL.settled},stroke:${INK.muted},color:${INK.main}`);
  out.push(`  classDef contested fill:${FILL.contested},stroke:${INK.muted},color:${INK.main}`);
  out.push(`  classDef sense fill:${FILL.sense},stroke:${INK.muted},color:${INK.main}`);
  out.push(`  classDef junction fill:${FILL.junction},stroke:${FILL.junction},color:#ffffff,font-size:10px`);
  out.push(`  classDef unused color:${INK.faint}`);
  for (const [state, color] of Object.entries(USE_COLOR)) out.push(`  classDef ${state} stroke:${color},stroke-width:3px`);
  for (const [name, ids] of classes) out.push(`  class ${ids.join(',')} ${name}`);
  out.push(...linkStyles);
  return `${out.join('\n')}\n`;
}

function shape(node: ConceptNode): string {
  if (node.kind === 'junction') return '(("and"))';
  const lines = [node.label, node.detail, ...(node.use?.caption.split(CAPTION_SEPARATOR) ?? [])].filter((x): x is string => !!x).map(mermaidText);
  const text = `"${lines.join('<br/>')}"`;
  return node.kind === 'sense' ? `(${text})` : `[${text}]`;
}

function classesOf(node: ConceptNode, dim: boolean): string[] {
  const out = [node.kind === 'junction' ? 'junction' : node.kind === 'sense' ? 'sense' : node.contested ? 'contested' : 'settled'];
  if (node.use) out.push(node.use.state);
  else if (dim && node.kind !== 'junction') out.push('unused');
  return out;
}

function edgeStyle(edge: ConceptCluster['edges'][number], cluster: ConceptCluster): string {
  const look = EDGE_LOOK[edge.kind];
  const color = edge.conflict ? CONFLICT_COLOR : edge.kind === 'not-required' ? DENIAL_COLOR : look.accent ? accentColor(cluster.accent) : INK.muted;
  return `stroke:${color},color:${color}${edge.conflict ? ',stroke-dasharray:5 4' : ''}`;
}
