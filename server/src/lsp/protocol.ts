/**
 * The server's own requests and notifications, beyond standard LSP. Shared by the
 * server and the VS Code client (client/tsconfig.json includes this file), so both
 * sides agree on method names and payloads. Any LSP client may use them; none is
 * needed for diagnostics, hover, code actions, completion or definition.
 */

/** Custom method names. */
export const Methods = {
  /** Notification server -> client after each publish: the draft's status (for a status bar). */
  didChangeStatus: 'alignmentTerms/didChangeStatus',
  /** Request: the draft's status and the terms it uses, with their senses (for a picker). */
  draftStatus: 'alignmentTerms/draftStatus',
  /** Request: the edits that pin a term to a sense in the draft's front matter. */
  pinEdit: 'alignmentTerms/pinEdit',
  /** Request: "the definitions this draft relies on", as Markdown. */
  glossary: 'alignmentTerms/glossary',
  /** Request: the server process's memory use (process.memoryUsage()), for diagnosis and benchmarks. */
  memory: 'alignmentTerms/memory',
} as const;

/** The command a hover's pin links run; the VS Code client registers it. */
export const PIN_SENSE_COMMAND = 'alignmentTerms.pinSense';

/** Identifies a draft. */
export interface DraftParams {
  uri: string;
}

/** Payload of didChangeStatus (also part of the draftStatus answer). */
export interface StatusSummary {
  uri: string;
  /** Document version the status was computed for. */
  version: number;
  /** False when alignmentTerms.enable is off for this draft. */
  enabled: boolean;
  /** Term ids with at least one ambiguous use, in order of first use. */
  ambiguousTerms: string[];
  ambiguousUses: number;
  /** Findings at error severity. */
  errors: number;
}

/** One sense, as a picker shows it. */
export interface SenseSummary {
  id: string;
  label: string;
  oneLine: string;
  citation: string;
}

/** One term used in the draft, as a picker shows it. */
export interface TermSummary {
  id: string;
  label: string;
  contested: boolean;
  uses: number;
  ambiguous: number;
  pinned?: { sense: string; via: 'frontmatter' | 'config' };
  likely?: string;
  senses: SenseSummary[];
}

/** Answer of draftStatus. */
export interface DraftStatusResult extends StatusSummary {
  terms: TermSummary[];
}

/** Params of pinEdit. */
export interface PinEditParams extends DraftParams {
  term: string;
  sense: string;
}

/** Answer of pinEdit: LSP text edits against `version` of the draft. */
export interface PinEditResult {
  version: number;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
}

/** Answer of glossary. */
export interface GlossaryResult {
  markdown: string;
}
