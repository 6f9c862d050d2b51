/**
 * Builds the concept map from registry data: per framework, its implication
 * diagrams (multi-premise arrows through an AND junction, each edge labelled with
 * the sense it needs) and its facts beyond the arrows (classifications, requirements
 * it denies); per contested term, the fan of its senses with their sources. With a
 * draft's analysis, the terms it uses carry a highlight saying in which sense.
 * Nothing here is a constant about alignment: a team's glossary that adds terms,
 * senses, arrows or facts gets them drawn the same way.
 */
import type { ClassificationEntry, ImplicationEntry, NotRequiredEntry } from '../../glossary/types';
import { cite, type Registry } from '../../registry';
import type { Analysis } from '../../service';
import { diagramsOf } from './diagrams';
import type { ConceptCluster, ConceptEdge, ConceptGraph, ConceptNode, TermUse } from './model';
import { draftUses, senseLabel } from './usage';

/** Options of buildConceptGraph. */
export interface ConceptGraphOptions {
  /** The draft's analysis under `registry`: highlights the terms it uses. */
  analysis?: Analysis;
  /** The draft's name for the title (e.g. its file name). */
  draft?: string;
}

/** The concept map of `registry`, highlighting a draft's terms when `options.analysis` is given. Never throws on registry data. */
export function buildConceptGraph(registry: Registry, options: ConceptGraphOptions = {}): ConceptGraph {
  const uses = options.analysis ? draftUses(options.analysis, registry) : new Map<string, TermUse>();
  const ctx = new Builder(registry, uses);
  const frameworks = groupBy(registry.implications, (i) => i.framework ?? '');
  const facts = [...registry.claims.classifications.map((c) => c.framework ?? ''), ...registry.claims.notRequired.map((n) => n.framework ?? '')];
  for (const fw of facts) if (!frameworks.has(fw)) frameworks.set(fw, []);

  for (const [framework, arrows] of frameworks) {
    const diagrams = diagramsOf(arrows);
    diagrams.forEach((diagram, index) => {
      let title = ctx.frameworkName(framework);
      if (diagrams.length > 1) {
        const what = diagram.conclusion ? ctx.label(diagram.conclusion) : 'other arrows';
        title += `: ${what}${diagram.via.length ? ` via ${diagram.via.map((t) => ctx.label(t)).join(' and ')}` : ''}`;
      }
      ctx.diagram(title, framework, index, diagram.arrows);
    });
    const classifications = registry.claims.classifications.filter((c) => (c.framework ?? '') === framework);
    const notRequired = registry.claims.notRequired.filter((n) => (n.framework ?? '') === framework);
    if (classifications.length || notRequired.length) ctx.facts(framework, classifications, notRequired);
  }

  const drawn = new Set(ctx.clusters.flatMap((c) => c.nodes.map((n) => n.term)).filter((t): t is string => !!t));
  for (const term of registry.terms.values()) {
    if (term.contested && (term.enabled || drawn.has(term.id) || uses.has(term.id))) ctx.senses(term.id);
  }
  const others = [...uses.keys()].filter((t) => !drawn.has(t) && !registry.terms.get(t)?.contested);
  if (others.length) ctx.others(others);

  const title = options.draft ? `Concept map of ${options.draft}` : 'Concept map of the alignment-terms registry';
  return { title, ...(options.draft ? { draft: options.draft } : {}), clusters: ctx.clusters };
}

/** Accumulates clusters; knows how to name and describe registry things. */
class Builder {
  readonly clusters: ConceptCluster[] = [];

  constructor(private readonly registry: Registry, private readonly uses: Map<string, TermUse>) {}

  label(termId: string): string {
    return this.registry.terms.get(termId)?.label ?? termId;
  }

  frameworkName(framework: string): string {
    if (!framework) return 'Implications';
    const source = this.registry.sources.get(framework);
    return source ? cite(source) : framework;
  }

  /** "inner alignment (objective-focused)" when `senses` constrains the term. */
  private phrase(termId: string, senses: Record<string, string> | undefined): string {
    const sense = senses?.[termId];
    return sense ? `${this.label(termId)} (${senseLabel(this.registry, termId, sense)})` : this.label(termId);
  }

  private newCluster(kind: ConceptCluster['kind'], title: string, extra: Partial<ConceptCluster> = {}): ConceptCluster {
    const cluster: ConceptCluster = { id: `c${this.clusters.length}`, kind, title, ...extra, nodes: [], edges: [] };
    this.clusters.push(cluster);
    return cluster;
  }

  /** The node of `termId` in `cluster`, created on first use. */
  private termNode(cluster: ConceptCluster, termId: string, where: string): ConceptNode {
    const found = cluster.nodes.find((n) => n.kind === 'term' && n.term === termId);
    if (found) return found;
    const id = uniqueId(cluster, `${cluster.id}_${safe(termId)}`);
    const term = this.registry.terms.get(termId);
    const contested = term?.contested ?? false;
    const kind = !term ? 'a term this glossary does not define' : contested ? `a contested term (${term.senses.length} senses)` : 'a settled term (one sense)';
    const node: ConceptNode = { id, kind: 'term', label: this.label(termId), term: termId, contested, tooltip: `${this.label(termId)}: ${kind}${where ? `, in ${where}` : ''}` };
    const use = this.uses.get(termId);
    if (use) {
      node.use = use;
      node.tooltip += `. This draft: ${use.caption}`;
    }
    cluster.nodes.push(node);
    return node;
  }

  /** Why an arrow needing `sense` of `termId` does not apply to the draft's uses, or undefined when it may. */
  private conflict(termId: string, sense: string | undefined): string | undefined {
    const use = this.uses.get(termId);
    if (!sense || !use) return undefined;
    const senses = use.groups.map((g) => g.sense).filter((s): s is string => s !== null);
    // Ambiguous uses might be in the needed sense: only a draft that settles every use elsewhere conflicts.
    if (senses.length === 0 || senses.includes(sense) || use.groups.some((g) => g.sense === null)) return undefined;
    const used = senses.map((s) => senseLabel(this.registry, termId, s)).join(', ');
    return `this draft uses ${this.label(termId)} in the ${used} sense; this arrow needs ${senseLabel(this.registry, termId, sense)}`;
  }

  diagram(title: string, framework: string, accent: number, arrows: ImplicationEntry[]): void {
    const cluster = this.newCluster('diagram', title, { framework, accent });
    const fw = this.frameworkName(framework);
    for (const arrow of arrows) {
      const statement = `${fw}: ${arrow.all.map((t) => this.phrase(t, arrow.senses)).join(' ∧ ')} ⇒ ${this.phrase(arrow.gives, arrow.senses)}${arrow.note ? ` — ${arrow.note}` : ''}`;
      const to = this.termNode(cluster, arrow.gives, fw);
      const conclusionSense = arrow.senses?.[arrow.gives];
      const conclusionLabel = conclusionSense ? `gives ${senseLabel(this.registry, arrow.gives, conclusionSense)}` : '';
      if (arrow.all.length === 1) {
        const premise = arrow.all[0];
        const from = this.termNode(cluster, premise, fw);
        const sense = arrow.senses?.[premise];
        const label = [sense ? senseLabel(this.registry, premise, sense) : '', arrow.note ?? '', conclusionLabel].filter(Boolean).join(' · ');
        cluster.edges.push(withConflict({ from: from.id, to: to.id, kind: 'implies', ...(label ? { label } : {}), tooltip: statement }, this.conflict(premise, sense)));
        continue;
      }
      const junction: ConceptNode = { id: uniqueId(cluster, `${cluster.id}_and_${safe(arrow.id)}`), kind: 'junction', label: '', tooltip: `${statement} (every premise is needed)` };
      cluster.nodes.push(junction);
      for (const premise of arrow.all) {
        const from = this.termNode(cluster, premise, fw);
        const sense = arrow.senses?.[premise];
        const label = sense ? senseLabel(this.registry, premise, sense) : undefined;
        cluster.edges.push(withConflict({ from: from.id, to: junction.id, kind: 'premise', ...(label ? { label } : {}), tooltip: statement }, this.conflict(premise, sense)));
      }
      const label = [arrow.note ?? '', conclusionLabel].filter(Boolean).join(' · ');
      cluster.edges.push({ from: junction.id, to: to.id, kind: 'implies', ...(label ? { label } : {}), tooltip: statement });
    }
  }

  facts(framework: string, classifications: ClassificationEntry[], notRequired: NotRequiredEntry[]): void {
    const fw = this.frameworkName(framework);
    const cluster = this.newCluster('facts', `${fw}: ${notRequired.length ? 'facts beyond the arrows' : 'classifications'}`, { framework });
    for (const c of classifications) {
      const from = this.termNode(cluster, c.term, fw);
      const to = this.termNode(cluster, c.is, fw);
      const sense = c.senses?.[c.is];
      const label = `is a kind of${sense ? ` (${senseLabel(this.registry, c.is, sense)})` : ''}`;
      const tooltip = `${fw}: ${this.label(c.term)} is a kind of ${this.phrase(c.is, c.senses)}${c.because ? ` — ${c.because}` : ''}`;
      cluster.edges.push(withConflict({ from: from.id, to: to.id, kind: 'is-a', label, tooltip }, this.conflict(c.is, sense)));
    }
    for (const n of notRequired) {
      const from = this.termNode(cluster, n.term, fw);
      const to = this.termNode(cluster, n.requires, fw);
      const sense = n.senses?.[n.requires];
      const label = `does not require${sense ? ` (${senseLabel(this.registry, n.requires, sense)})` : ''}`;
      const tooltip = `${fw}: ${this.label(n.term)} does not require ${this.phrase(n.requires, n.senses)}${n.because ? ` — ${n.because}` : ''}`;
      cluster.edges.push({ from: from.id, to: to.id, kind: 'not-required', label, tooltip });
    }
  }

  senses(termId: string): void {
    const term = this.registry.terms.get(termId)!;
    const cluster = this.newCluster('senses', `${term.label}: ${term.senses.length} senses`);
    const root = this.termNode(cluster, termId, '');
    const use = this.uses.get(termId);
    const senses = term.senses.map((s) => ({ id: s.id, label: s.label, detail: s.sources.map(cite).join('; '), oneLine: s.oneLine }));
    if (use?.groups.some((g) => g.sense === 'custom')) senses.push({ id: 'custom', label: 'own definition', detail: 'this draft', oneLine: 'the sense this draft defines for itself' });
    for (const s of senses) {
      const node: ConceptNode = {
        id: uniqueId(cluster, `${root.id}__${safe(s.id)}`),
        kind: 'sense',
        label: s.label,
        ...(s.detail ? { detail: s.detail } : {}),
        term: termId,
        sense: s.id,
        tooltip: `${term.label} (${s.label})${s.detail ? `, after ${s.detail}` : ''}${s.oneLine ? `: ${s.oneLine.replace(/[.\s]+$/, '')}` : ''}`,
      };
      const groups = use?.groups.filter((g) => g.sense === s.id) ?? [];
      if (groups.length) {
        const how = groups.flatMap((g) => g.statuses).join(', ');
        node.use = { state: 'resolved', caption: `this draft (${how})`, groups, uses: groups.reduce((n, g) => n + g.count, 0) };
        node.tooltip += `. This draft uses this sense (${how})`;
      }
      cluster.nodes.push(node);
      cluster.edges.push({ from: node.id, to: root.id, kind: 'sense-of', tooltip: `${s.label} is a sense of ${term.label}` });
    }
  }

  others(termIds: string[]): void {
    const cluster = this.newCluster('others', 'Other terms this draft uses');
    for (const t of termIds) this.termNode(cluster, t, '');
  }
}

function withConflict(edge: ConceptEdge, conflict: string | undefined): ConceptEdge {
  return conflict ? { ...edge, conflict, tooltip: `${edge.tooltip}. Note: ${conflict}` } : edge;
}

/** Letters, digits and underscores only, so the id is a bare DOT and Mermaid identifier. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_');
}

function uniqueId(cluster: ConceptCluster, base: string): string {
  let id = base;
  for (let n = 2; cluster.nodes.some((x) => x.id === id); n++) id = `${base}_${n}`;
  return id;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}
