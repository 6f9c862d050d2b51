/**
 * The concept map as plain data: clusters of nodes and edges that the DOT, Mermaid
 * and SVG renderers draw. Built from registry data alone (build.ts); a draft only
 * adds highlights. Node ids are unique across the whole graph and safe as DOT and
 * Mermaid identifiers ([A-Za-z0-9_]).
 */

/** How a draft's uses of one term are settled, for a highlight. */
export type UseState = 'resolved' | 'mixed' | 'ambiguous';

/** The uses of one sense (or the ambiguous uses) of a term in a draft. */
export interface UseGroup {
  /** Sense id in force (`default` for a settled term, `custom` for the draft's own definition); null for ambiguous uses. */
  sense: string | null;
  /** Statuses that put these uses in this sense (pinned, defined, qualified, settled, ambiguous). */
  statuses: string[];
  count: number;
}

/** A term the draft uses, as a highlight: its state and the caption line under its label. */
export interface TermUse {
  /** `ambiguous` when any use is ambiguous, `mixed` when uses are in several senses, else `resolved`. */
  state: UseState;
  /**
   * E.g. "objective-focused (pinned)", "ambiguous ×3", "objective-focused (pinned) ·
   * generalization-focused (pinned) ×2": one part per sense, joined by CAPTION_SEPARATOR
   * (renderers put each part on its own line).
   */
  caption: string;
  groups: UseGroup[];
  /** Uses that count (mentions and ignored uses excluded). */
  uses: number;
}

/** Kinds of node. */
export type NodeKind = 'term' | 'sense' | 'junction';

/** One box (term or sense) or AND-junction dot. */
export interface ConceptNode {
  /** Unique in the graph; [A-Za-z0-9_] only. */
  id: string;
  kind: NodeKind;
  /** Main text (term label, sense label); empty for a junction. */
  label: string;
  /** Smaller second line, e.g. a sense's citations. */
  detail?: string;
  /** Registry term id (term and sense nodes). */
  term?: string;
  /** Registry sense id (sense nodes). */
  sense?: string;
  /** Term nodes: the term has more than one sense. */
  contested?: boolean;
  /** Set when a draft was given and uses this term (or, on a sense node, this sense). */
  use?: TermUse;
  /** The full statement, for tooltips: what the node is and where it comes from. */
  tooltip: string;
}

/**
 * Kinds of edge. `implies`: an arrow into its conclusion (from a premise, or from an
 * AND junction); `premise`: a premise into an AND junction (drawn without an
 * arrowhead); `is-a`: a classification; `not-required`: a requirement the framework
 * denies; `sense-of`: a sense to its term.
 */
export type EdgeKind = 'implies' | 'premise' | 'is-a' | 'not-required' | 'sense-of';

/** One edge; both ends are in the same cluster. */
export interface ConceptEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Short label on the edge: the sense the arrow needs, its note ("for mesa-optimizers"). */
  label?: string;
  /** The full statement, e.g. "Hubinger 2020: inner alignment (objective-focused) ⇒ objective robustness — for mesa-optimizers". */
  tooltip: string;
  /** Set when the draft uses the premise only in senses this arrow does not cover: why it does not apply. */
  conflict?: string;
}

/** Kinds of cluster. */
export type ClusterKind = 'diagram' | 'facts' | 'senses' | 'others';

/** A group drawn in its own frame: one diagram of a framework, its facts, one term's senses, or the draft's other terms. */
export interface ConceptCluster {
  /** Unique in the graph; [A-Za-z0-9_] only. */
  id: string;
  kind: ClusterKind;
  title: string;
  /** Framework id (the `framework` of the registry entries), for diagram and facts clusters. */
  framework?: string;
  /** Diagram clusters: 0, 1, ... in order, so renderers can tell a framework's diagrams apart. */
  accent?: number;
  nodes: ConceptNode[];
  edges: ConceptEdge[];
}

/** The whole map. */
export interface ConceptGraph {
  title: string;
  /** The draft's name when one was given. */
  draft?: string;
  clusters: ConceptCluster[];
}

/** Joins the parts of a caption; renderers that draw lines split on it. */
export const CAPTION_SEPARATOR = ' · ';

/** Output formats of the renderers. */
export type GraphFormat = 'svg' | 'mermaid' | 'dot';

/** Every format, the default first. */
export const GRAPH_FORMATS: readonly GraphFormat[] = ['svg', 'mermaid', 'dot'];
