/**
 * Text for the renderers: a conservative width estimate (no font metrics at run
 * time, so boxes are sized for a wide sans-serif such as DejaVu Sans and never clip),
 * word wrapping, and escaping for XML, DOT and Mermaid.
 */

/** Average advance of one character, in ems. Wide on purpose: a box a little too big is fine, clipped text is not. */
const EM_PER_CHAR = 0.62;
/** Extra for bold text. */
const BOLD_FACTOR = 1.08;

/** Estimated width in px of `text` at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // Narrow glyphs count less, wide ones (CJK, emoji) as a full em; the rest at the average.
    if (/[iIl.,:;'!|()[\] ]/.test(ch)) units += 0.55;
    else if (/[mwMW@%]/.test(ch)) units += 1.45;
    else if (code >= 0x1100) units += code >= 0x2e80 ? 1.65 : 1.1;
    else units += 1;
  }
  return units * size * EM_PER_CHAR * (bold ? BOLD_FACTOR : 1);
}

/**
 * Breaks `text` into lines of at most `maxWidth` px (estimated). Breaks after
 * `separator` first (so "Hubinger 2020; Hubinger et al. 2019" breaks between the
 * citations), then at spaces; a single word longer than a line gets a line of its own.
 */
export function wrapText(text: string, size: number, maxWidth: number, bold = false, separator = ' · '): string[] {
  if (textWidth(text, size, bold) <= maxWidth) return [text];
  const fits = (t: string) => textWidth(t, size, bold) <= maxWidth;
  const parts = text.split(separator);
  const tail = separator.trimEnd();
  const lines: string[] = [];
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part}${tail}` : part;
    const last = lines.length ? lines[lines.length - 1] : undefined;
    // Join onto the previous line only when that line ended a part, never inside a wrapped part.
    if (last !== undefined && last.endsWith(tail) && fits(`${last} ${piece}`)) lines[lines.length - 1] = `${last} ${piece}`;
    else if (fits(piece)) lines.push(piece);
    else lines.push(...wrapWords(piece, fits));
  });
  return lines;
}

function wrapWords(text: string, fits: (t: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && !fits(next)) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A DOT double-quoted string (quotes and backslashes escaped, newlines as \n). */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Text inside a DOT HTML-like label. */
export function dotHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Text inside a Mermaid quoted label (Mermaid's own entity codes; `#` first so later codes stay intact). */
export function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\r?\n/g, ' ');
}
