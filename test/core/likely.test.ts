/**
 * likelySense of an ambiguous occurrence: the sense the cues of its own paragraph
 * clearly favour (a list item, heading or table row is a paragraph of its own), or
 * null when there are no cues, cues for several senses, or the text says the answer
 * depends on the sense. Cues mentioned only as absent do not count.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../helpers/check';

describe('clear cues give the likely sense', () => {
  it.each([
    ['objective-focused', 'The ⟦inner misalignment⟧ came from a mesa-optimizer with its own mesa-objective, distinct from the base objective.'],
    ['objective-focused', 'The ⟦inner misalignment⟧ came from an internal search process with its own target.'],
    ['generalization-focused', 'The ⟦inner misalignment⟧ appeared after deployment, under distributional shift: its skills transferred but the goal did not.'],
    ['generalization-focused', 'In a new environment the agent showed ⟦inner misalignment⟧: competent pursuit of the wrong goal.'],
    ['optimization-focused', 'The ⟦inner misalignment⟧ was visible on the training distribution; training stopped early, and more optimization would have removed it.'],
    ['inductive-bias-focused', 'The ⟦inner misalignment⟧ came from inductive biases: an easy-to-represent proxy won, and no change to the rewards would have helped.'],
    ['objective-function', 'Even the optimal policy under perfect training and unlimited data would be bad, so this is ⟦outer misalignment⟧.'],
    ['reward-misspecification', 'The behaviour was competent and undesirable, and it got high reward under the reward actually used: ⟦outer misalignment⟧.'],
    ['training-signal', 'We could fix this ⟦outer misalignment⟧ by changing the training rewards.'],
    ['generalization-inclusive', 'The optimizer succeeded, so this failure to generalize is ⟦outer misalignment⟧.'],
  ])('%s', (sense, text) => {
    const occurrence = check.status(text, { status: 'ambiguous', likelySense: sense });
    expect(occurrence.cues.length).toBeGreaterThan(0);
  });

  it('names the cues as written in the text', () => {
    const occurrence = check.status('The ⟦inner misalignment⟧ showed up after deployment, in a new environment.', { likelySense: 'generalization-focused' });
    expect(occurrence.cues).toEqual(['deployment', 'new environment']);
  });
});

describe('null likely sense', () => {
  it('no cues', () => {
    check.status('The ⟦inner alignment⟧ section needs work.', { status: 'ambiguous', likelySense: null, cues: [] });
  });

  it('cues mentioned only as absent do not count ("no mesa-optimizer", "without internal search")', () => {
    check.status('There was ⟦inner misalignment⟧ with no mesa-optimizer and without internal search.', { status: 'ambiguous', likelySense: null });
  });

  it('an absent cue does not outvote a present one', () => {
    check.status('There was ⟦inner misalignment⟧ with no mesa-optimizer, after deployment.', { likelySense: 'generalization-focused' });
  });

  it('a word that only ends in a negation does not negate the cue ("the casino mesa-optimizer")', () => {
    check.status('The ⟦inner misalignment⟧ came from the casino mesa-optimizer.', { likelySense: 'objective-focused' });
  });

  it('"not from the learner\'s biases" does not count for inductive-bias-focused', () => {
    check.status("The ⟦inner misalignment⟧ came not from the learner's biases.", { likelySense: null });
  });

  it('cues for several senses balance out', () => {
    check.status('A mesa-optimizer failed after deployment: ⟦inner misalignment⟧.', { status: 'ambiguous', likelySense: null });
  });

  it('"depends on the sense" means no likely sense, even with cues', () => {
    check.status('Whether a mesa-optimizer with its own mesa-objective shows ⟦inner misalignment⟧ depends on the sense.', { status: 'ambiguous', likelySense: null });
  });

  it('the likely sense is only for ambiguous occurrences', () => {
    check.status('---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\nThe mesa-optimizer showed ⟦inner misalignment⟧.', {
      status: 'pinned',
      likelySense: null,
    });
  });
});

describe('the paragraph is the unit (the rest of the document does not count)', () => {
  it('cues in another paragraph do not count', () => {
    check.status('The mesa-optimizer had its own mesa-objective.\n\nThen ⟦inner alignment⟧ was at stake.', { likelySense: null });
  });

  it('each list item is its own paragraph', () => {
    check.statuses('- A mesa-optimizer with its own mesa-objective.\n- ⟦Inner alignment⟧ is at stake.\n- After deployment, in a new environment, ⟦inner alignment⟧ failed.', [
      { likelySense: null },
      { likelySense: 'generalization-focused' },
    ]);
  });

  it('a heading is its own paragraph', () => {
    check.statuses('# ⟦Inner alignment⟧ after deployment\n\nThe mesa-optimizer and its mesa-objective, and ⟦inner alignment⟧.', [
      { likelySense: 'generalization-focused' },
      { likelySense: 'objective-focused' },
    ]);
  });

  it('each table row is its own paragraph', () => {
    check.statuses(
      '| case | verdict |\n|---|---|\n| a mesa-optimizer with internal search | ⟦inner misalignment⟧ |\n| after deployment in a new environment | ⟦inner misalignment⟧ |\n| a plain case | ⟦inner misalignment⟧ |',
      [{ likelySense: 'objective-focused' }, { likelySense: 'generalization-focused' }, { likelySense: null }],
    );
  });

  it('a paragraph that runs over several lines is one paragraph', () => {
    check.status('After deployment, in a new\nenvironment, the agent showed\n⟦inner misalignment⟧.', { likelySense: 'generalization-focused' });
  });
});
