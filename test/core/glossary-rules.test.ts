/**
 * The rules a house glossary drives: every rule's severity as the glossary sets it
 * (error, warning, info, hint, off), `avoid-term` (banned phrases, in prose only,
 * with a safe fix to the replacement) and `preferred-form` (the house joining of a
 * term's words, with a safe fix that keeps the writer's letters).
 */
import { describe, expect, it } from 'vitest';
import { presetRegistry, type Finding, type RuleId } from '../../server/src/core';
import { DEFAULT_SEVERITY } from '../../server/src/core/registry';
import { rejoin } from '../../server/src/core/rules/preferred-form';
import { applyEdits, check, run, unmark } from '../helpers/check';
import { houseRegistry } from '../helpers/registry';

const AVOID = 'avoid:\n  - phrase: inner alignment failure\n    use: goal misgeneralization\n    reason: we keep "inner" for mesa-optimizers\n';

/** A draft on which every rule of the contract fires once or more under the glossary below. */
const EVERY_RULE = `---
alignment-terms:
  inner-alignment: objective-focus
---
The inner alignment problem is hard.

Outer and inner alignment together guarantee an impact aligned system.

<!-- alignment-terms pin outer-alignment=objective-function -->
The outer alignment failure here: the policy was competent and undesirable, and got high reward under the reward actually used.

A mesa optimizer showed an inner alignment failure.
`;

const RULES: RuleId[] = ['ambiguous-term', 'sense-drift', 'claim-check', 'preferred-form', 'avoid-term', 'unknown-pin'];

describe('rule severities', () => {
  it('the defaults are those of the recommended preset', () => {
    expect(presetRegistry().severity).toEqual(DEFAULT_SEVERITY);
    expect(DEFAULT_SEVERITY).toEqual({ 'ambiguous-term': 'warning', 'unknown-pin': 'error', 'sense-drift': 'warning', 'claim-check': 'warning', 'preferred-form': 'hint', 'avoid-term': 'warning' });
  });

  for (const rule of RULES) {
    for (const severity of ['error', 'warning', 'info', 'hint', 'off'] as const) {
      it(`${rule}: ${severity}`, () => {
        const findings = run(EVERY_RULE, houseRegistry(`${AVOID}rules:\n  ${rule}: ${severity}\n`)).findings;
        const own = findings.filter((f) => f.rule === rule);
        if (severity === 'off') expect(own).toEqual([]);
        else {
          expect(own.length).toBeGreaterThan(0);
          expect(new Set(own.map((f) => f.severity))).toEqual(new Set([severity]));
        }
        // The other rules keep their default severity.
        for (const other of findings.filter((f) => f.rule !== rule)) expect(other.severity).toBe(DEFAULT_SEVERITY[other.rule]);
        expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(RULES.filter((r) => r !== rule || severity !== 'off')));
      });
    }
  }
});

describe('avoid-term', () => {
  const house = houseRegistry(AVOID);
  const only = (marked: string, registry = house): Finding[] => check.findings(marked, 'avoid-term', registry);

  it('names the phrase, the replacement and the reason', () => {
    const [finding] = only('We saw an ⟦inner alignment failure⟧ in training.');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe('"inner alignment failure" is on the house avoid list; use "goal misgeneralization" instead: we keep "inner" for mesa-optimizers.');
  });

  it('offers a safe fix to the replacement, keeping a capital at the start', () => {
    const { text, spans } = unmark('⟦Inner Alignment Failure⟧ again, then an ⟦inner-alignment\nfailure⟧.');
    const findings = run(text, house).findings.filter((f) => f.rule === 'avoid-term');
    expect(findings.map((f) => f.span)).toEqual(spans);
    for (const f of findings) expect(f.fixes.map((x) => [x.kind, x.title, x.safe, x.preferred])).toEqual([['replace', `Replace with "${f === findings[0] ? 'Goal misgeneralization' : 'goal misgeneralization'}"`, true, true]]);
    expect(applyEdits(text, findings.flatMap((f) => f.fixes[0].edits))).toBe('Goal misgeneralization again, then a goal misgeneralization.');
  });

  it('matches spelling variants of the phrase, as terms are matched', () => {
    only('An ⟦Inner-Alignment Failure⟧ and an ⟦inner alignment  failure⟧, but not inner alignment failures.');
  });

  it('only in prose: not in code, URLs, HTML, math or front matter', () => {
    only(
      '---\ntitle: inner alignment failure\n---\n`inner alignment failure` and\n\n```\ninner alignment failure\n```\n\n<span title="inner alignment failure">x</span> https://example.org/inner alignment-failure $inner alignment failure$ but ⟦inner alignment failure⟧.\n',
    );
  });

  it('not where the draft talks about the phrase, nor under a disable directive', () => {
    only('We no longer write "inner alignment failure". The phrase inner alignment failure is retired.\n\n<!-- alignment-terms-disable-next-line -->\nAn inner alignment failure.\n\n<!-- alignment-terms-disable inner-alignment -->\nAn inner alignment failure.\n<!-- alignment-terms-enable inner-alignment -->\n\nAn ⟦inner alignment failure⟧.');
  });

  it('in headings, list items, table cells and link text', () => {
    only('# The ⟦inner alignment failure⟧\n\n- an ⟦inner alignment failure⟧\n\n| a | b |\n|---|---|\n| ⟦inner alignment failure⟧ | x |\n\n[an ⟦inner alignment failure⟧](https://example.org)\n');
  });

  it('without a replacement: the message gives the reason, and there is no fix', () => {
    const [finding] = only('A ⟦sharp left turn⟧.', houseRegistry('avoid:\n  - phrase: sharp left turn\n    reason: say which capability generalizes\n'));
    expect(finding.message).toBe('"sharp left turn" is on the house avoid list: say which capability generalizes.');
    expect(finding.fixes).toEqual([]);
  });

  it('markup inside the phrase: the fix is offered but not applied by fix-all', () => {
    const [finding] = only('An ⟦inner *alignment* failure⟧.');
    expect(finding.fixes[0].safe).toBe(false);
  });

  it('off drops it; no avoid list, no findings', () => {
    expect(run('An inner alignment failure.', houseRegistry(`${AVOID}rules:\n  avoid-term: off\n`)).findings.filter((f) => f.rule === 'avoid-term')).toEqual([]);
    expect(run('An inner alignment failure.').findings.filter((f) => f.rule === 'avoid-term')).toEqual([]);
  });
});

describe('preferred-form', () => {
  const house = houseRegistry('rules:\n  preferred-form: warning\n');
  const fixed = (marked: string, registry = house) => {
    const { text } = unmark(marked);
    const findings = check.findings(marked, 'preferred-form', registry);
    for (const f of findings) expect(f.fixes.map((x) => [x.kind, x.safe, x.preferred])).toEqual([['replace', true, true]]);
    return applyEdits(text, findings.flatMap((f) => f.fixes[0].edits));
  };

  it('flags a form joined other than the preferred spelling, and the fix joins it so', () => {
    expect(fixed('A ⟦mesa optimizer⟧, two ⟦mesaoptimizers⟧ and a mesa-optimizer.')).toBe('A mesa-optimizer, two mesa-optimizers and a mesa-optimizer.');
  });

  it('the message names the written and the preferred spelling', () => {
    const [finding] = check.findings('A ⟦mesa optimizer⟧.', 'preferred-form', house);
    expect(finding.message).toBe('"mesa optimizer": the preferred spelling is "mesa-optimizer".');
    expect(finding.term).toBe('mesa-optimizer');
  });

  it('keeps the writer\'s case and British spelling: only the join changes', () => {
    expect(fixed('# ⟦Mesa Optimisers⟧ and the ⟦MESA OBJECTIVE⟧\n\nThe ⟦mesa optimisation⟧ view.')).toBe('# Mesa-Optimisers and the MESA-OBJECTIVE\n\nThe mesa-optimisation view.');
  });

  it('a hyphen at a line break is the preferred join; a line break alone is not', () => {
    expect(fixed('A mesa-\noptimizer and a ⟦mesa\noptimizer⟧.')).toBe('A mesa-\noptimizer and a mesa-optimizer.');
  });

  it('not in a mention, nor where a directive switches the term off', () => {
    fixed('The term "mesa optimizer" is older. <!-- alignment-terms-disable mesa-optimizer --> A mesa optimizer. <!-- alignment-terms-enable mesa-optimizer --> A ⟦mesa optimizer⟧.');
  });

  it('a house preferred spelling of an added term; another word form is left alone', () => {
    const registry = houseRegistry('rules:\n  preferred-form: warning\nterms:\n  corrigibility:\n    forms: [corrigibility, corrigible, co-operative AI, cooperative AI]\n    preferred: co-operative AI\n');
    expect(fixed('⟦Cooperative AI⟧ is corrigible; ⟦cooperative-AI⟧ too; co-operative AI is fine.', registry)).toBe('Co-operative AI is corrigible; co-operative AI too; co-operative AI is fine.');
  });

  it('by default (built-in preferred spellings) it is a hint', () => {
    const [finding] = check.findings('A ⟦mesa optimizer⟧.', 'preferred-form');
    expect(finding.severity).toBe('hint');
  });
});

describe('rejoin (the preferred-form fix)', () => {
  it.each([
    ['mesa optimizer', 'mesa-optimizer', 'mesa-optimizer'],
    ['mesaoptimizers', 'mesa-optimizer', 'mesa-optimizers'],
    ['Mesa Optimisers', 'mesa-optimizer', 'Mesa-Optimisers'],
    ['mesa-optimizer', 'mesa optimizer', 'mesa optimizer'],
    ['mesa-optimizer', 'mesaoptimizer', 'mesaoptimizer'],
    ['behaviour cloning', 'behavior-cloning', 'behaviour-cloning'],
    ['mesa\u2011optimizer', 'mesa-optimizer', null],
    ['mesa-optimizer', 'mesa-optimizer', null],
    ['corrigible', 'corrigibility', null],
    ['mesa *optimizer*', 'mesa-optimizer', null],
  ])('%j with preferred %j -> %j', (written, preferred, expected) => {
    expect(rejoin(written, preferred)).toBe(expected);
  });
});
