/**
 * The starter glossary `alignment-terms init` writes: every section, explained in
 * comments at the start of a line, with examples as indented comments. It is a
 * valid glossary as written (empty sections mean "none"), and stays valid when the
 * examples are uncommented, so a team can switch them on one by one.
 */

/**
 * The starter text. `extendsPath` (a relative path to the glossary of a folder
 * above) replaces the default `extends: recommended`, so an inner glossary keeps
 * the house settings of the outer one.
 */
export function starterGlossary(extendsPath?: string): string {
  const base = extendsPath
    ? `# This folder is inside another glossary's folder; build on it, not around it.\nextends: ${/^[A-Za-z0-9._/-]+$/.test(extendsPath) ? extendsPath : JSON.stringify(extendsPath)}`
    : '# A built-in preset: recommended, or strict (also flags the bare words "alignment"\n# and "robustness"). Or a relative path to another glossary, e.g. ../.alignment-terms.yaml.\nextends: recommended';
  return `# House glossary for alignment-terms. It applies to every Markdown draft in this
# folder and below; for each draft the nearest .alignment-terms.yaml wins. Phrases
# are literal text, never regular expressions, and no code runs from this file.
# See what applies to a draft:  alignment-terms --print-config path/to/draft.md
# Sense ids of a term:          alignment-terms explain inner-alignment

${base}

# House senses: drafts below this folder use these unless they say otherwise (front
# matter, a pin directive, a qualifier or their own definition).
pin:
  # inner-alignment: objective-focused
  # outer-alignment: objective-function

# Severity of each rule: error, warning, info, hint or off. An error makes
# "alignment-terms lint" exit 1, which fails a CI job.
rules:
  # ambiguous-term: error
  # sense-drift: warning
  # claim-check: warning
  # preferred-form: warning
  # avoid-term: warning
  # unknown-pin: error

# Works your senses cite, by id.
sources:
  # soares-2015:
  #   authors: [Nate Soares, Benja Fallenstein, Eliezer Yudkowsky, Stuart Armstrong]
  #   title: Corrigibility
  #   year: 2015
  #   url: https://intelligence.org/files/Corrigibility.pdf
  #   names: [Soares]

# Terms to add, or built-in terms to change field by field (lists replace).
terms:
  # mesa-optimizer:
  #   preferred: mesa-optimizer
  # corrigibility:
  #   label: corrigibility
  #   forms: [corrigibility, corrigible]
  #   senses:
  #     shutdown:
  #       label: shutdown-corrigible
  #       oneLine: The agent does not resist being shut down or modified.
  #       sources: [soares-2015]
  #       cues: [shutdown button, off switch]
  #     deference:
  #       label: deferential
  #       oneLine: The agent defers to its overseers' corrections in general.
  #       cues: [defers to, overseers]

# Phrases the house does not use (rule avoid-term), with what to write instead.
avoid:
  # - phrase: inner alignment failure
  #   use: goal misgeneralization
  #   reason: we keep "inner" for mesa-optimizers

# Drafts to skip: globs relative to this folder.
ignore:
  # - archive/**
`;
}
