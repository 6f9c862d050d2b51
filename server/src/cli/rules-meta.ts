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

/** One line: what the rule flags. */
const DESCRIPTIONS: Partial<Record<RuleId, string>> = {
  'ambiguous-term': 'A contested term is used without its sense being settled (no qualifier, attribution, definition or pin).',
  'sense-drift': "A pinned or defined term is used in a paragraph whose cues point to another sense.",
  'claim-check': 'A sentence asserts an implication between alignment properties that the implication graph contradicts.',
  'preferred-form': "A term is written in a form other than the house glossary's preferred one.",
  'avoid-term': 'A phrase the house glossary bans, with its replacement.',
  'unknown-pin': 'A pin or directive names an unknown term or sense.',
};

/** A few sentences: why it matters and how to settle it (SARIF fullDescription and help). */
const HELP: Partial<Record<RuleId, string>> = {
  'ambiguous-term':
    'Terms such as inner alignment and outer alignment have several established senses (Hubinger, Shah, Wentworth, Ngo), and readers cannot tell which one a draft means. Settle it by qualifying the use ("objective-focused inner alignment"), attributing it ("in Shah\'s sense"), linking a source of exactly one sense, defining the term in the draft, or pinning a sense in the front matter or with an alignment-terms pin directive. `alignment-terms lint --fix --fix-pin TERM=SENSE` adds the pin for you.',
  'sense-drift':
    'The draft settled this term on one sense, but the paragraph describes what another sense means (its cues point elsewhere). Qualify this use, pin the section with an alignment-terms pin directive, or revisit the pin.',
  'claim-check':
    'The sentence asserts, in the draft\'s own voice, an implication that the registry\'s implication graph (Hubinger 2020 and its robustness-centric twin) contradicts under the sense in force. The message names the missing link and its source.',
  'preferred-form':
    'The house glossary prefers another spelling of this term (for example mesa-optimizer over mesa optimizer). The fix keeps your letters and only changes the joins; `--fix` applies it.',
  'avoid-term':
    'The house glossary bans this phrase and names its replacement and reason. `--fix` replaces it when the phrase carries no markup.',
  'unknown-pin':
    'A pin or directive names a term or sense id the registry does not know, so it settles nothing. The fix changes it to the closest valid id; `--fix` applies it.',
};

/** Metadata of one rule. */
export interface RuleMeta {
  id: RuleId;
  description: string;
  /** Why it matters and how to settle it. */
  help: string;
  helpUri: string;
  defaultSeverity: Severity;
}

/** Every rule the core knows, in a stable order. */
export function allRules(): RuleMeta[] {
  return (Object.keys(DEFAULT_SEVERITY) as RuleId[]).map((id) => ({
    id,
    description: DESCRIPTIONS[id] ?? `alignment-terms rule ${id}.`,
    help: HELP[id] ?? DESCRIPTIONS[id] ?? `alignment-terms rule ${id}.`,
    helpUri: `${HOMEPAGE}#${id}`,
    defaultSeverity: DEFAULT_SEVERITY[id],
  }));
}
