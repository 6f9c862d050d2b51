/**
 * Editor features over an analysis: hover cards, code action planning, completion,
 * definition targets, the draft's status and its glossary page. Pure functions (text,
 * analysis and registry in, data or Markdown out); the language server maps them to
 * LSP and the CLI can reuse them.
 */
export { hoverAt, type HoverCard, type HoverOptions } from './hover';
export { quickFixes, safeFixEdits, type PlannedAction } from './actions';
export { completionsAt, type CompletionEntry } from './completion';
export { definitionTargetAt, glossaryEntryPosition, type DefinitionTarget } from './definition';
export { draftStatus, type DraftStatus, type DraftTerm } from './summary';
export { draftGlossary, termsSectionEdit, TERMS_HEADING, type GlossaryOptions } from './glossary';
export { pinEdit, pinAt, writtenPins, type WrittenPin } from './pins';
export { describeStatus, describeImplication, relatedImplications, occurrenceAt } from './describe';
