/**
 * The concept map as Graphviz DOT text, for `dot -Tsvg` or any DOT viewer. One
 * `cluster_*` subgraph per cluster; premises at the bottom and conclusions on top
 * (rankdir=BT), as in Hubinger's diagram. Highlights are a thick coloured border and
 * a caption line; tooltips carry the full statements.
 */
import { CAPTION_SEPARATOR, type ConceptCluster, type ConceptEdge, type ConceptGraph, type ConceptNode } from './model';
import { DENIAL_COLOR, EDGE_LOOK, FILL, INK, USE_COLOR, accentColor, CONFLICT_COLOR } from './style';
import { dotHtml, dotString } from './text';

/** Renders `graph` as a DOT digraph (deterministic: same graph, same text). */
export function renderDot(graph: ConceptGraph): string {
  const out: string[] = [];
  out.push('digraph concept_map {');
  out.push(`  graph [rankdir=BT, label=${dotString(graph.title)}, labelloc=t, fontname="Helvetica", fontsize=16, nodesep=0.35, ranksep=0.5];`);
  out.push(`  node [shape=box, style="rounded,filled", fillcolor="${FILL.settled}", color="${INK.muted}", fontname="Helvetica", fontsize=12, margin="0.12,0.06"];`);
  out.push('  edge [fontname="Helvetica", fontsize=10];');
  const dim = graph.draft !== undefined;
  for (const cluster of graph.clusters) {
    out.push('');
    out.push(`  subgraph cluster_${cluster.id} {`);
    out.push(`    label=${dotString(cluster.title)}; labeljust=l; labelloc=t; fontsize=13; color="${accentColor(cluster.accent)}"; style=rounded;`);
    for (const node of cluster.nodes) out.push(`    ${node.id} [${nodeAttrs(node, dim).join(', ')}];`);
    for (const edge of cluster.edges) out.push(`    ${edge.from} -> ${edge.to} [${edgeAttrs(edge, cluster).join(', ')}];`);
    out.push('  }');
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function nodeAttrs(node: ConceptNode, dim: boolean): string[] {
  const attrs: string[] = [];
  if (node.kind === 'junction') {
    attrs.push('shape=point', 'width=0.12', `color="${FILL.junction}"`, `fillcolor="${FILL.junction}"`, `xlabel="and"`);
  } else {
    const lines = [`<B>${dotHtml(node.label)}</B>`];
    if (node.detail) lines.push(`<FONT POINT-SIZE="9" COLOR="${INK.muted}">${dotHtml(node.detail)}</FONT>`);
    const color = node.use ? USE_COLOR[node.use.state] : '';
    for (const part of node.use?.caption.split(CAPTION_SEPARATOR) ?? []) lines.push(`<FONT POINT-SIZE="10" COLOR="${color}">${dotHtml(part)}</FONT>`);
    attrs.push(`label=<${lines.join('<BR/>')}>`);
    if (node.kind === 'sense') attrs.push(`fillcolor="${FILL.sense}"`);
    else if (node.contested) attrs.push(`fillcolor="${FILL.contested}"`);
    if (node.use) attrs.push(`color="${USE_COLOR[node.use.state]}"`, 'penwidth=3');
    else if (dim) attrs.push(`fontcolor="${INK.faint}"`);
  }
  attrs.push(`tooltip=${dotString(node.tooltip)}`);
  return attrs;
}

function edgeAttrs(edge: ConceptEdge, cluster: ConceptCluster): string[] {
  const look = EDGE_LOOK[edge.kind];
  const color = edge.conflict ? CONFLICT_COLOR : edge.kind === 'not-required' ? DENIAL_COLOR : look.accent ? accentColor(cluster.accent) : INK.muted;
  const attrs = [`color="${color}"`];
  if (edge.label) attrs.push(`label=${dotString(edge.label)}`, `fontcolor="${color}"`);
  if (!look.arrowhead) attrs.push('arrowhead=none');
  if (edge.kind === 'not-required') attrs.push('arrowhead=tee');
  if (look.dashed || edge.conflict) attrs.push('style=dashed');
  attrs.push(`tooltip=${dotString(edge.tooltip)}`);
  return attrs;
}
