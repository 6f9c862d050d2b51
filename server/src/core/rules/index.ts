/**
 * Rules turn resolved occurrences into findings. Each rule is a function of the
 * analysis; severities come from the registry (house glossary), `off` drops a rule.
 * To add a rule: write it here (or in its own module), add its id to RuleId, the
 * schema's `rules` enum and DEFAULT_SEVERITY, and document it in the README.
 */
import { ambiguityFixes } from '../fixes';
import type { ParsedDocument } from '../markdown/parse';
import { cite, type Registry, type Term } from '../registry';
import type { Resolution } from '../resolve';
import type { Finding, Occurrence, RuleId } from '../types';
import { avoidTermFindings } from './avoid-term';
import { contextFindings, type ContextFindings } from './context-findings';

/**
 * Runs every enabled rule over one analysed document. `local` holds the
 * context-local rules' findings when the caller has them (an edit's analysis keeps
 * those of the contexts it did not touch); by default they are computed here.
 */
export function runRules(doc: ParsedDocument, resolution: Resolution, registry: Registry, local: ContextFindings = contextFindings(doc, resolution, registry)): Finding[] {
  const findings: Finding[] = [];
  /** Adds a finding of `rule` at its configured severity; returns it, or undefined when the rule is off. */
  const push = (rule: RuleId, finding: Omit<Finding, 'rule' | 'severity'>): Finding | undefined => {
    const severity = registry.severity[rule];
    if (severity === 'off') return undefined;
    const full: Finding = { rule, severity, ...finding };
    findings.push(full);
    return full;
  };
  for (const problem of resolution.scope.problems) {
    push('unknown-pin', {
      message: problem.message,
      span: problem.span,
      fixes: problem.suggestion ? [{ kind: 'fix-pin-id', title: `Change to '${problem.suggestion}'`, edits: [{ span: problem.span, newText: problem.suggestion }], preferred: true, safe: true }] : [],
    });
  }
  for (const occurrence of resolution.occurrences) {
    if (occurrence.status !== 'ambiguous') continue;
    const term = registry.terms.get(occurrence.term)!;
    const finding = push('ambiguous-term', { message: ambiguityMessage(occurrence, term), span: occurrence.span, term: term.id, fixes: [] });
    // Computed when first read (a quick-fix menu, --fix, the JSON report): a long draft
    // has thousands of ambiguous uses, and each keystroke re-runs the rules.
    if (finding) fixesOnRead(finding, () => ambiguityFixes(occurrence, term, doc, resolution.scope.frontMatter));
  }
  for (const { draft } of local.drift) push('sense-drift', draft);
  for (const { draft } of local.claims) push('claim-check', draft);
  for (const finding of avoidTermFindings(doc, resolution, registry)) push('avoid-term', finding);
  for (const { draft } of local.preferred) push('preferred-form', draft);
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Makes `finding.fixes` computed by `compute` on first read (and settable, as a plain field is). */
function fixesOnRead(finding: Finding, compute: () => Finding['fixes']): void {
  let fixes: Finding['fixes'] | undefined;
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get: () => (fixes ??= compute()),
    set: (value: Finding['fixes']) => void (fixes = value),
  });
}

/** "'inner misalignment' is ambiguous: ... Likely X (cues: ...)." */
export function ambiguityMessage(occurrence: Occurrence, term: Term): string {
  const senses = sensesLine(term);
  const likely = occurrence.likelySense ? term.senses.find((s) => s.id === occurrence.likelySense) : undefined;
  const hint = likely ? ` Likely ${likely.label}${occurrence.cues.length ? `, from the cues ${occurrence.cues.map((c) => `"${c}"`).join(', ')}` : ''}.` : '';
  return `"${occurrence.text}" is ambiguous: ${term.label} has ${term.senses.length} senses: ${senses}.${hint} Pin a sense or qualify this use.`;
}

const sensesLines = new WeakMap<Term, string>();

/** "objective-focused (Hubinger 2020), generalization-focused (Shah), ...": the same for every use of a term, so made once per term (the editor rebuilds every message on each keystroke). */
function sensesLine(term: Term): string {
  let line = sensesLines.get(term);
  if (line === undefined) {
    line = term.senses.map((s) => `${s.label}${s.sources.length ? ` (${cite(s.sources[0])})` : ''}`).join(', ');
    sensesLines.set(term, line);
  }
  return line;
}
