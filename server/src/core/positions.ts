/**
 * The one module that converts between positions. Offsets are UTF-16 code units into
 * the document text (what JavaScript strings and LSP use); lines are split at \n,
 * \r\n and a lone \r, as LSP does.
 */
import { lastAtOrBefore } from './sorted';

/** 1-based line and column (UTF-16 code units), as the CLI and the contract report them. */
export interface LineColumn {
  line: number;
  column: number;
}

/** 0-based line and character, as LSP reports them. */
export interface LspPosition {
  line: number;
  character: number;
}

/** Index of line starts for one text. Build once per document version. */
export class LineIndex {
  /**
   * Offsets at which each line starts; lineStarts[0] === 0. A typed array: the
   * editor rebuilds a long draft's index on every keystroke (see spliced), and a
   * 60,000-element number array cost it 2-4 ms to allocate where this costs 0.1.
   */
  readonly lineStarts: Int32Array;

  /** Indexes `text`; `lineStarts`, when given, must be exactly what indexing it would find. */
  constructor(
    readonly text: string,
    lineStarts?: Int32Array,
  ) {
    this.lineStarts = lineStarts ?? Int32Array.from(collectLineStarts(text, 0, text.length, [0]));
  }

  /**
   * The index of `text`, which equals the text `previous` indexed except that
   * [from, oldTo) became [from, newTo); `from` starts a line, the text after the
   * change is the same in both, and neither part holds a carriage return (so the
   * old text's line break, for `eol`, is the new one's). Reads only the changed
   * part: the editor's keystroke in a long draft.
   */
  static spliced(text: string, previous: LineIndex, from: number, oldTo: number, newTo: number): LineIndex {
    const old = previous.lineStarts;
    const kept = lastAtOrBefore(old, from) + 1;
    // A line starts at newTo when a break ends the new part, whatever the old text had there.
    const added = collectLineStarts(text, from, newTo, []);
    const moved = lastAtOrBefore(old, oldTo) + 1;
    const starts = new Int32Array(kept + added.length + old.length - moved);
    starts.set(old.subarray(0, kept));
    starts.set(added, kept);
    const delta = newTo - oldTo;
    for (let i = moved, j = kept + added.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    const index = new LineIndex(text, starts);
    index.lineBreak = previous.lineBreak;
    return index;
  }

  /** Number of lines (a text ending in a newline has an empty last line). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line that contains `offset` (offsets past the end clamp to the last line). */
  lineOf(offset: number): number {
    return lastAtOrBefore(this.lineStarts, offset);
  }

  /** 0-based LSP position of an offset, clamped into the text. */
  toLsp(offset: number): LspPosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.lineStarts[line] };
  }

  /** 1-based line and column of an offset. */
  toLineColumn(offset: number): LineColumn {
    const p = this.toLsp(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }

  /** Offset of a 0-based LSP position; characters past the line's end clamp to it. */
  toOffset(pos: LspPosition): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  /** Offset just before the line break (or the text's end) of a 0-based line. */
  lineEnd(line: number): number {
    if (line + 1 < this.lineStarts.length) {
      let end = this.lineStarts[line + 1] - 1;
      if (end > this.lineStarts[line] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
      return end;
    }
    return this.text.length;
  }

  /** The line break this text uses ("\r\n" if it has any, else "\n"), for edits that add lines. Computed once. */
  get eol(): string {
    this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n';
    return this.lineBreak;
  }

  private lineBreak?: string;
}

/** `starts` with the starts of the lines that begin in (from, to] of `text` appended (a break at to - 1 starts a line at to). */
function collectLineStarts(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
