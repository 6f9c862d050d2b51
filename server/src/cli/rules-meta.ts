/**
 * What reports say about each rule: a one-line description and a link to its
 * documentation (a README anchor named after the rule id). Rules come from the
 * core's DEFAULT_SEVERITY, so a rule added there is reported even before it is
 * described here.
 */
import { DEFAULT_SEVERITY } from '../core/registry';
import type { RuleId, Severity } from '../core/types';

/** Where the tool is documented (SARIF informationUri). */
export const HOMEPAGE = 'https://github.com/alignment-terms/alignment-terms';

const DESCRIPTIONS: Partial<Record<RuleId, string>> = {
  'ambiguous-term': 'A contested term is used without its sense being settled (no qualifier, attribution, definition or pin).',
  'sense-drift': "A pinned or defined term is used in a paragraph whose cues point to another sense.",
  'claim-check': 'A sentence asserts an implication between alignment properties that the implication graph contradicts.',
  'preferred-form': "A term is written in a form other than the house glossary's preferred one.",
  'avoid-term': 'A phrase the house glossary bans, with its replacement.',
  'unknown-pin': 'A pin or directive names an unknown term or sense.',
};

/** Metadata of one rule. */
export interface RuleMeta {
  id: RuleId;
  description: string;
  helpUri: string;
  defaultSeverity: Severity;
}

/** Every rule the core knows, in a stable order. */
export function allRules(): RuleMeta[] {
  return (Object.keys(DEFAULT_SEVERITY) as RuleId[]).map((id) => ({
    id,
    description: DESCRIPTIONS[id] ?? `alignment-terms rule ${id}.`,
    helpUri: `${HOMEPAGE}#${id}`,
    defaultSeverity: DEFAULT_SEVERITY[id],
  }));
}
