/**
 * The inline content of one paragraph or heading, read from micromark's events into
 * plain text, as remark's tree would give it: a text run is what mdast makes one text
 * node (data, escapes, character references and soft line ends, up to the next inline
 * node); inline code, images, autolinks and inline HTML are masked; a hard break is a
 * line end; links are recorded with their plain-text range, reference links with
 * their label for later resolution; a strong run that opens the block is noted.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { decodeString } from 'micromark-util-decode-string';
import { parseDirectives, type Directive } from './directives';
import { PlainBuilder, type ProseLink } from './prose';
import { HTML_TEXT_PARTS, normalizeLabel, type Event, type EventReader, type Token } from './tokens';

/** A reference link: its plain-text range and the label it resolves through. */
export interface PendingReference {
  start: number;
  end: number;
  identifier: string;
}

/** A link being read: where its text starts in the plain text, and where it points. */
interface LinkFrame {
  start: number;
  /** True once a resource `(url)` follows the label: a link; else a reference. */
  resource: boolean;
  url: string;
  identifier: string;
}

/** Reads the events of one block; feed it every event inside the block, in order. */
export class InlineReader {
  readonly builder = new PlainBuilder();
  readonly links: ProseLink[] = [];
  readonly refs: PendingReference[] = [];
  /** Plain-text range of a strong run that opens the block ("**Inner alignment.** ..."). */
  leadStrong: { start: number; end: number } | undefined;
  /** A heading's depth (1-6); 0 for a paragraph. */
  depth = 0;

  private readonly frames: LinkFrame[] = [];
  /** Only text inside a heading's text token is its prose (not the # marks or the underline). */
  private collecting: boolean;
  // The text run being gathered: one mdast text node.
  private run = '';
  private runStart = -1;
  private runEnd = 0;
  // Inline nesting, for "does a strong run open the block" (mdast's first child).
  private level = 0;
  private sawChild = false;
  private lead: Token | undefined;
  private leadStart = 0;
  private atHardBreak = false;
  private numericBase = 0;

  constructor(
    private readonly reader: EventReader,
    private readonly directives: Directive[],
    isHeading: boolean,
  ) {
    this.collecting = !isHeading;
  }

  /** Reads one event. Events of masked content (code, images, HTML) are consumed from the reader here. */
  read(event: Event): void {
    if (event[0] === 'enter') this.enter(event);
    else this.exit(event[1]);
  }

  /** Ends the last text run; call once after the block's last event. */
  finish(): void {
    this.flush();
  }

  private enter(event: Event): void {
    const reader = this.reader;
    const token = event[1];
    switch (token.type) {
      case 'data':
      case 'characterEscapeValue':
        if (this.collecting) this.append(event);
        break;
      case 'lineEnding':
        // The line end after a hard break belongs to the break.
        if (this.atHardBreak) this.atHardBreak = false;
        else if (this.collecting) this.append(event);
        break;
      case 'characterEscape':
        if (this.collecting) this.startRun(reader.start(token));
        break;
      case 'characterReference':
        if (this.collecting) this.startRun(reader.start(token));
        this.numericBase = 0;
        break;
      case 'characterReferenceMarkerNumeric':
        this.numericBase = 10;
        break;
      case 'characterReferenceMarkerHexadecimal':
        this.numericBase = 16;
        break;
      case 'characterReferenceValue':
        if (this.collecting) this.run += this.numericBase ? decodeNumericCharacterReference(reader.text(event), this.numericBase) : decodeNamedCharacterReference(reader.text(event)) || '';
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        this.openNode();
        this.builder.appendMask(reader.start(token), '\n');
        this.atHardBreak = true;
        reader.skip(token);
        break;
      case 'codeText':
      case 'image':
      case 'autolink':
        // Inline code and images are not prose; an autolink shows its address as its text.
        this.openNode();
        this.builder.appendMask(reader.start(token));
        reader.skip(token);
        break;
      case 'htmlText': {
        this.openNode();
        const value = reader.collect(token, HTML_TEXT_PARTS);
        this.directives.push(...parseDirectives(value, reader.span(token), reader.source));
        this.builder.appendMask(reader.start(token));
        break;
      }
      case 'strong':
        // First child of the block: nothing before it, so no pending run either.
        if (this.level === 0 && !this.sawChild) {
          this.lead = token;
          this.leadStart = this.builder.length;
        }
        this.openNode();
        this.level++;
        break;
      case 'emphasis':
        this.openNode();
        this.level++;
        break;
      case 'link':
        this.openNode();
        this.level++;
        this.frames.push({ start: this.builder.length, resource: false, url: '', identifier: '' });
        break;
      case 'labelText':
        // remark identifies a reference by its label text unless a [reference] follows.
        if (this.frames.length) this.frame().identifier = normalizeLabel(reader.serialized(event));
        break;
      case 'resource':
        this.collecting = false;
        if (this.frames.length) this.frame().resource = true;
        break;
      case 'resourceDestinationString':
        if (this.frames.length) this.frame().url = decodeString(reader.text(event));
        break;
      case 'reference':
        this.collecting = false;
        break;
      case 'referenceString':
        if (this.frames.length) this.frame().identifier = normalizeLabel(reader.serialized(event));
        break;
      case 'atxHeadingSequence':
        // The opening sequence gives the depth, not a closing one.
        if (!this.depth) this.depth = reader.end(token) - reader.start(token);
        break;
      case 'setextHeadingLineSequence':
        this.depth = reader.source.charCodeAt(reader.start(token)) === 61 /* = */ ? 1 : 2;
        break;
      case 'atxHeadingText':
      case 'setextHeadingText':
        this.collecting = true;
        break;
    }
  }

  private exit(token: Token): void {
    switch (token.type) {
      case 'atxHeadingText':
      case 'setextHeadingText':
        this.flush();
        this.collecting = false;
        break;
      case 'characterReference':
        if (this.collecting) this.runEnd = this.reader.end(token);
        break;
      case 'emphasis':
      case 'strong':
        this.flush();
        this.level--;
        if (token === this.lead) this.leadStrong = { start: this.leadStart, end: this.builder.length };
        break;
      case 'link': {
        this.flush();
        this.level--;
        const frame = this.frames.pop()!;
        if (frame.resource) this.links.push({ start: frame.start, end: this.builder.length, url: frame.url });
        else this.refs.push({ start: frame.start, end: this.builder.length, identifier: frame.identifier });
        break;
      }
      case 'resource':
      case 'reference':
        this.collecting = true;
        break;
    }
  }

  private frame(): LinkFrame {
    return this.frames[this.frames.length - 1];
  }

  /** Adds a token's text to the current run. */
  private append(event: Event): void {
    this.startRun(this.reader.start(event[1]));
    this.run += this.reader.text(event);
    this.runEnd = this.reader.end(event[1]);
  }

  private startRun(at: number): void {
    if (this.runStart >= 0) return;
    this.runStart = at;
    if (this.level === 0) this.sawChild = true;
  }

  /** Ends the current run: one text node's value, aligned to its source range. */
  private flush(): void {
    if (this.runStart < 0) return;
    this.builder.appendText(this.run, this.reader.source, this.runStart, this.runEnd);
    this.run = '';
    this.runStart = -1;
  }

  /** An inline node starts: it ends the current run, and is the block's first child if nothing came before. */
  private openNode(): void {
    this.flush();
    if (this.level === 0) this.sawChild = true;
  }
}
