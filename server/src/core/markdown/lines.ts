/**
 * Line scanning shared by the block splitter (chunks.ts) and the markup limits
 * (limits.ts), which both read a draft line by line before it is parsed. Lines end
 * at \n, \r\n or a lone \r, as in CommonMark.
 */

/** The opening fence of front matter: `---` alone on the first line (after a BOM, if any). */
const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/;
/** The closing fence of front matter. */
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** One line: [start, end) without its line ending; `next` is where the following line starts. */
export interface Line {
  start: number;
  end: number;
  next: number;
}

/**
 * The line that starts at `pos` (a position at the start of a line, before text.length).
 * A character loop, not a RegExp: the editor splits the whole draft into lines on
 * every keystroke, and a match object per line was a tenth of what a keystroke allocates.
 */
export function lineAt(text: string, pos: number): Line {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) return { start: pos, end: i, next: i + 1 };
    if (c === 13 /* \r */) return { start: pos, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return { start: pos, end: text.length, next: text.length };
}

/** Length of the front matter's opening fence line at the start of `text` (line end included); 0 when it does not open with one. */
export function frontMatterOpening(text: string): number {
  return FRONT_MATTER_OPEN.exec(text)?.[0].length ?? 0;
}

/** Offset just past the front matter block that opens `text` (closing fence and its line end included); 0 when there is none. */
export function frontMatterEnd(text: string): number {
  const open = frontMatterOpening(text);
  if (open === 0) return 0;
  for (let pos = open; pos < text.length; ) {
    const line = lineAt(text, pos);
    if (FRONT_MATTER_CLOSE.test(text.slice(line.start, line.end))) return line.next;
    pos = line.next;
  }
  return 0;
}
