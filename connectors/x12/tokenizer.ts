/**
 * X12 tokenizer: bytes in, segments out, for any interchange (835, 837, 4010 or 5010).
 *
 * Separators come from the file itself: the element separator is the character after "ISA", the
 * component separator is ISA16 and the segment terminator the character after it. The ISA is found
 * by scanning for its 16th element separator rather than by fixed offsets, so space-collapsed ISAs
 * from hand-edited files read too. A bare ST…SE file (no envelope) takes its separators from the
 * ST segment. Line breaks around terminators, CRLF, indentation and a UTF-8 BOM are tolerated.
 *
 * Streaming: text is decoded chunk by chunk and only the unfinished tail of the last segment is
 * kept between chunks, so memory stays bounded whatever the file size.
 */
import { TextStreamDecoder } from '../text/decode';

const ASCII_ENCODER = new TextEncoder();

/** The separators of one interchange. */
export interface Delimiters {
  readonly element: string;
  readonly component: string;
  /** ISA11 in 5010 and later; undefined for 4010 (where ISA11 is the standards identifier "U"). */
  readonly repetition: string | undefined;
  /** The segment terminator; "\n" when the file uses line breaks as terminators. */
  readonly segment: string;
}

/** A segment id as one number (three character codes), so readers dispatch with integer compares. */
export function segmentCode(id: string): number {
  if (id.length < 2 || id.length > 3) return -1;
  return (id.charCodeAt(0) << 16) | (id.charCodeAt(1) << 8) | (id.length === 3 ? id.charCodeAt(2) : 0);
}

/**
 * One segment: its id, its 1-based index in the file and its elements, read from the text it lies
 * in. The positions of its element separators are found in one pass when the segment is cut out
 * (most segments have their elements read, nearly all of them); an element becomes a string only
 * when asked for, and `elements` splits the whole segment (and keeps the result) for callers that
 * need all.
 *
 * The streaming reader (`SegmentSplitter.feed`) hands out ONE Segment object, moved along the text
 * from segment to segment: a reader must copy what it needs (strings, the index) and never keep the
 * Segment itself. `push`/`end` and `segmentsOfText` hand out separate objects.
 */
export class Segment {
  private text = '';
  /**
   * bounds[k] is the k-th element separator's position (bounds[0] is start − 1, bounds[count] is
   * end). Written by `moveTo`, or by the splitter's scan before it calls `place`.
   */
  bounds: Int32Array = new Int32Array(32);
  private elementCount = 0;
  private idText: string | undefined;
  private split: string[] | undefined;
  /** 1-based position in the file. */
  index = 0;
  /** `segmentCode(id)`: readers dispatch on it. */
  code = -1;
  delimiters: Delimiters;

  constructor(text: string, index: number, delimiters: Delimiters) {
    this.delimiters = delimiters;
    this.moveTo(text, 0, text.length, index, delimiters);
  }

  /**
   * Points this object at the segment between `start` and `end` of `text` and finds its element
   * separators. Returns true when a line break lies inside (the splitter decides what that means).
   */
  moveTo(text: string, start: number, end: number, index: number, delimiters: Delimiters): boolean {
    this.text = text;
    this.index = index;
    this.delimiters = delimiters;
    this.idText = undefined;
    this.split = undefined;
    const separator = delimiters.element.charCodeAt(0);
    let bounds: Int32Array = this.bounds;
    bounds[0] = start - 1;
    let k = 0;
    let lineBreak = false;
    // One pass over the characters: cheaper than an indexOf call per element.
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === separator) {
        k += 1;
        if (k + 1 >= bounds.length) bounds = this.grow();
        bounds[k] = i;
      } else if (c === 10) lineBreak = true;
    }
    bounds[k + 1] = end;
    this.elementCount = k + 1;
    const idLength = (k > 0 ? (bounds[1] as number) : end) - start;
    this.code =
      idLength === 3
        ? (text.charCodeAt(start) << 16) | (text.charCodeAt(start + 1) << 8) | text.charCodeAt(start + 2)
        : idLength === 2
          ? (text.charCodeAt(start) << 16) | (text.charCodeAt(start + 1) << 8)
          : -1;
    return lineBreak;
  }

  /**
   * Points this object at the segment between `start` and `end` of `text` whose `separators`
   * element separators the splitter has already written to bounds[1…].
   */
  place(text: string, start: number, end: number, separators: number, index: number, delimiters: Delimiters): void {
    this.text = text;
    this.index = index;
    this.delimiters = delimiters;
    this.idText = undefined;
    this.split = undefined;
    const bounds = this.bounds;
    bounds[0] = start - 1;
    bounds[separators + 1] = end;
    this.elementCount = separators + 1;
    const idLength = (separators > 0 ? (bounds[1] as number) : end) - start;
    this.code =
      idLength === 3
        ? (text.charCodeAt(start) << 16) | (text.charCodeAt(start + 1) << 8) | text.charCodeAt(start + 2)
        : idLength === 2
          ? (text.charCodeAt(start) << 16) | (text.charCodeAt(start + 1) << 8)
          : -1;
  }

  /** Doubles the room for separator positions; returns the new bounds. */
  grow(): Int32Array {
    const bigger = new Int32Array(this.bounds.length * 2);
    bigger.set(this.bounds);
    this.bounds = bigger;
    return bigger;
  }

  /** A separate copy that may be kept. */
  copy(): Segment {
    const b = this.bounds;
    return new Segment(this.text.slice((b[0] as number) + 1, b[this.elementCount]), this.index, this.delimiters);
  }

  get id(): string {
    if (this.idText === undefined) this.idText = this.text.slice((this.bounds[0] as number) + 1, this.bounds[1]);
    return this.idText;
  }

  /** Every element; elements[0] is the id. */
  get elements(): readonly string[] {
    if (this.split === undefined) {
      const b = this.bounds;
      this.split = this.text.slice((b[0] as number) + 1, b[this.elementCount]).split(this.delimiters.element);
    }
    return this.split;
  }

  /** Number of elements including the id (elements.length, without splitting). */
  get count(): number {
    return this.elementCount;
  }

  /** Element `n` as written (untrimmed); undefined when the segment is shorter. */
  element(n: number): string | undefined {
    if (n >= this.elementCount || n < 0) return undefined;
    if (n === 0) return this.id;
    return this.text.slice((this.bounds[n] as number) + 1, this.bounds[n + 1]);
  }

  /**
   * Where element `n` starts in `source` (-1 when the segment is shorter): with `elementEnd` and
   * `source`, lets readers look at an element's characters without cutting a string out.
   */
  elementStart(n: number): number {
    return n >= this.elementCount || n < 0 ? -1 : (this.bounds[n] as number) + 1;
  }

  /** Where element `n` ends (exclusive) in `source`; -1 when the segment is shorter. */
  elementEnd(n: number): number {
    return n >= this.elementCount || n < 0 ? -1 : (this.bounds[n + 1] as number);
  }

  /** The text the segment lies in (often a whole chunk of the file): read it only between elementStart and elementEnd. */
  get source(): string {
    return this.text;
  }
}

/** What the tokenizer could not make sense of (the caller turns it into an issue with a location). */
export interface TokenizerProblem {
  readonly kind: 'not-x12' | 'separator-changed';
  /** Segment index the problem is about (the next segment when it precedes any). */
  readonly segment: number;
  readonly detail: string;
}

const COMPONENT_CANDIDATES = [':', '>', '^', '\\', '|', '<', '!', '@', '`', '}', '{'];
/** How much text to look at before deciding the separators of a bare ST…SE file. */
const HEAD_SIZE = 8192;

function isAlphaNumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12;
}

/**
 * Picks the terminator given the first character after the segment that defines the separators.
 * A line break there means either "line breaks are the terminator" or "a line break precedes the
 * real terminator" (`…\n~GS…`); the next non-blank character tells which.
 */
function terminatorAt(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined;
  const c = text.charCodeAt(at);
  if (c !== 10 && c !== 13) return text[at];
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length) return '\n';
  return isAlphaNumeric(text.charCodeAt(i)) ? '\n' : text[i];
}

/**
 * Separators from an ISA at the start of `text` (which holds the head of the file, or all of it);
 * undefined when the ISA is broken.
 */
export function delimitersFromIsa(text: string): Delimiters | undefined {
  if (text.length < 4) return undefined;
  const element = text[3] as string;
  if (isAlphaNumeric(element.charCodeAt(0)) || isSpace(element.charCodeAt(0))) return undefined;
  let pos = 3;
  const starts: number[] = [4];
  for (let count = 1; count < 16; count++) {
    pos = text.indexOf(element, pos + 1);
    if (pos === -1) return undefined;
    starts.push(pos + 1);
  }
  const component = text[pos + 1];
  if (component === undefined || isSpace(component.charCodeAt(0)) || component === element) return undefined;
  const segment = terminatorAt(text, pos + 2) ?? '\n';
  if (segment === element || segment === component) return undefined;
  const isa11 = text.slice(starts[10] ?? 0, (starts[11] ?? 1) - 1);
  const isa12 = text.slice(starts[11] ?? 0, (starts[12] ?? 1) - 1).trim();
  const repetition =
    isa11.length === 1 && !isAlphaNumeric(isa11.charCodeAt(0)) && isa11 !== ' ' && ![element, component, segment].includes(isa11) && isa12 >= '00402'
      ? isa11
      : undefined;
  return { element, component, repetition, segment };
}

/**
 * Separators of a file with no ISA (bare ST…SE, or a GS first): the element separator follows the
 * two or three letter segment id, the terminator ends that first segment, and the component
 * separator is the candidate character (":", ">", "^", "\\" …) seen most often in the head.
 */
export function delimitersFromBareSegment(text: string): Delimiters | undefined {
  // Segment ids are upper-case letters and digits: "ST", "GS", "BPR".
  const id = /^[A-Z][A-Z0-9]{1,2}(?=[^A-Za-z0-9\s])/.exec(text);
  if (id === null) return undefined;
  const idLength = id[0].length;
  const element = text[idLength] as string;
  let i = idLength + 1;
  // The first segment (ST*835*0001*005010X221A1) holds only letters, digits, dots and element separators.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isAlphaNumeric(c) || c === 46 || c === 45 || text[i] === element) i++;
    else break;
  }
  const segment = terminatorAt(text, i);
  if (segment === undefined) return undefined;
  const head = text.slice(0, HEAD_SIZE);
  let component = ':';
  let best = 0;
  for (const candidate of COMPONENT_CANDIDATES) {
    if (candidate === element || candidate === segment) continue;
    const count = head.split(candidate).length - 1;
    if (count > best) {
      best = count;
      component = candidate;
    }
  }
  return { element, component, repetition: undefined, segment };
}

/**
 * Splits decoded text into segments. Feed text with `push`, then call `end`; each returns the
 * segments completed so far. Holds only the unfinished tail between calls.
 *
 * Each chunk of text is walked where it lies: the tail of the previous chunk is joined only with
 * the start of the next one (up to its first terminator), never with the whole chunk, because a
 * string made by concatenating two large strings reads much more slowly, character by character,
 * than the chunk itself.
 */
export class SegmentSplitter {
  /** Text before the separators are known (the file's head). */
  private head = '';
  /** The unfinished segment at the end of the text fed so far. */
  private pending = '';
  private delimiters: Delimiters | undefined;
  /** The one Segment handed to sinks, moved from segment to segment. */
  private view: Segment | undefined;
  /** Room for a text's characters as bytes (`asciiBytes`). */
  private bytes = new Uint8Array(0);
  private index = 0;
  private started = false;
  private failed = false;
  readonly problems: TokenizerProblem[] = [];

  /** Segments read so far (the index of the last one). */
  get segmentCount(): number {
    return this.index;
  }

  /** Adds text and returns the segments it completed. */
  push(text: string): Segment[] {
    const out: Segment[] = [];
    this.feed(text, (segment) => out.push(segment.copy()));
    return out;
  }

  /** Ends the input and returns the last segments. */
  end(): Segment[] {
    const out: Segment[] = [];
    this.finish((segment) => out.push(segment.copy()));
    return out;
  }

  /** Adds text and hands each completed segment to `sink` at once (nothing is collected: short-lived garbage). */
  feed(text: string, sink: (segment: Segment) => void): void {
    if (this.failed) return;
    if (this.started) {
      this.walk(text, sink);
      return;
    }
    this.head = this.head.length === 0 ? text : this.head + text;
    this.begin(false, sink);
  }

  /** Ends the input, handing the last segments to `sink`. */
  finish(sink: (segment: Segment) => void): void {
    if (this.failed) return;
    if (!this.started) this.begin(true, sink);
    if (!this.started) return;
    const last = this.pending;
    this.pending = '';
    if (last.length > 0) this.emit(last, 0, last.length, sink);
  }

  /** Finds where the file starts and its separators, then walks the text held so far. */
  private begin(atEnd: boolean, sink: (segment: Segment) => void): void {
    const begin = this.findStart();
    if (begin === -1) {
      if (atEnd || this.head.length > 1 << 16) this.fail('no ISA or ST segment at the start');
      return;
    }
    if (begin > 0) this.head = this.head.slice(begin);
    const found = this.detect(this.head, atEnd);
    if (found === 'incomplete') return;
    if (found === undefined) {
      this.fail('the separators could not be read from the first segment');
      return;
    }
    this.delimiters = found;
    this.started = true;
    const text = this.head;
    this.head = '';
    this.walk(text, sink);
  }

  /** Emits every segment `text` completes; keeps the unfinished end for the next call. */
  private walk(text: string, sink: (segment: Segment) => void): void {
    const terminator = (this.delimiters as Delimiters).segment;
    let from = 0;
    if (this.pending.length > 0) {
      const at = text.indexOf(terminator);
      if (at === -1) {
        this.pending += text;
        return;
      }
      const joined = this.pending + text.slice(0, at);
      this.pending = '';
      this.emit(joined, 0, joined.length, sink);
      from = at + 1;
    }
    const bytes = (this.delimiters as Delimiters).element.charCodeAt(0) > 32 ? this.asciiBytes(text) : undefined;
    from = bytes === undefined ? this.split(text, from, sink) : this.scan(text, bytes, from, sink);
    this.pending = from === 0 ? text : text.slice(from);
  }

  /** The general walk: each terminator found by indexOf, each segment's separators by `moveTo`. Returns where the unfinished segment starts. */
  private split(text: string, from: number, sink: (segment: Segment) => void): number {
    const terminator = (this.delimiters as Delimiters).segment;
    for (;;) {
      const at = text.indexOf(terminator, from);
      if (at === -1) return from;
      this.emit(text, from, at, sink);
      from = at + 1;
    }
  }

  /**
   * `text`'s characters as bytes when they are all ASCII (one byte each, at the same positions), in
   * a buffer reused from call to call; undefined otherwise. Copying ASCII out costs a few
   * milliseconds per 100 MB, and reading a byte array is much faster than `charCodeAt`.
   */
  private asciiBytes(text: string): Uint8Array | undefined {
    if (this.bytes.length < text.length) this.bytes = new Uint8Array(Math.max(text.length, 2 * this.bytes.length));
    const { read, written } = ASCII_ENCODER.encodeInto(text, this.bytes);
    return read === text.length && written === text.length ? this.bytes : undefined;
  }

  /**
   * The usual walk, in one pass over the characters (read from `bytes`, `text` as ASCII):
   * element separators and terminators are found together, and characters that can be neither
   * (letters, digits and most punctuation) cost one range test. Only for a printable element
   * separator, which trimming blanks can never remove. Returns where the unfinished segment starts.
   */
  private scan(text: string, bytes: Uint8Array, from: number, sink: (segment: Segment) => void): number {
    const d = this.delimiters as Delimiters;
    const separator = d.element.charCodeAt(0);
    const terminator = d.segment.charCodeAt(0);
    const view = this.segmentView();
    // [skipFrom, skipTo): the widest run of ASCII around "A" holding neither separator, terminator
    // nor line break (with "*" and "~": "+" to "}", so letters, digits, points and minus signs).
    let skipFrom = 11;
    let skipTo = 127;
    for (const special of [separator, terminator]) {
      if (special < 65) skipFrom = Math.max(skipFrom, special + 1);
      else skipTo = Math.min(skipTo, special);
    }
    let bounds = view.bounds;
    let separators = 0;
    let start = from;
    /** The first line break after the segment's first non-blank character, -1 when none. */
    let lineBreak = -1;
    /** Characters before this one, back to `start`, are known to be blank. */
    let blankTo = from;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = bytes[i] as number;
      if (c >= skipFrom && c < skipTo) continue;
      if (c === separator) {
        separators += 1;
        if (separators + 1 >= bounds.length) bounds = view.grow();
        bounds[separators] = i;
      } else if (c === terminator) {
        this.scanned(text, start, i, separators, lineBreak, sink);
        separators = 0;
        start = i + 1;
        blankTo = start;
        lineBreak = -1;
      } else if (c === 10 && lineBreak === -1) {
        let j = blankTo;
        while (j < i && (bytes[j] as number) <= 32) j++;
        if (j < i) lineBreak = i;
        else blankTo = i + 1;
      }
    }
    return start;
  }

  /** Emits a segment `scan` cut out: between `start` and `end`, its separators already in the view's bounds. */
  private scanned(text: string, start: number, end: number, separators: number, lineBreak: number, out: (segment: Segment) => void): void {
    let s = start;
    let e = end;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (s === e) return; // blanks only, so no separators either
    const d = this.delimiters as Delimiters;
    this.index += 1;
    const view = this.segmentView();
    view.place(text, s, e, separators, this.index, d);
    if (lineBreak !== -1 && lineBreak < e && d.segment !== '\n') {
      this.emitText(text.slice(s, e).replace(/[\r\n]+/g, ''), out);
      return;
    }
    if (text.charCodeAt(s) === 73 && this.index > 1 && text.startsWith('ISA', s)) {
      this.emitText(text.slice(s, e), out);
      return;
    }
    out(view);
  }

  private segmentView(): Segment {
    if (this.view === undefined) this.view = new Segment('', 0, this.delimiters as Delimiters);
    return this.view;
  }

  /** Where the first segment starts: past a BOM and blank lines. -1 when not seen yet. */
  private findStart(): number {
    const b = this.head;
    let i = 0;
    while (i < b.length && (isSpace(b.charCodeAt(i)) || b.charCodeAt(i) === 0xfeff)) i++;
    return i < b.length ? i : -1;
  }

  /** Separators from the head of the file; waits for HEAD_SIZE characters unless the file is shorter. */
  private detect(text: string, atEnd: boolean): Delimiters | 'incomplete' | undefined {
    if (text.length < HEAD_SIZE && !atEnd) return 'incomplete';
    return text.startsWith('ISA') ? delimitersFromIsa(text) : delimitersFromBareSegment(text);
  }

  private fail(detail: string): void {
    this.failed = true;
    this.head = '';
    this.pending = '';
    this.problems.push({ kind: 'not-x12', segment: this.index + 1, detail });
  }

  /** Emits the segment between `start` and `end` of `text`, without the blanks and line breaks around it. */
  private emit(text: string, start: number, end: number, out: (segment: Segment) => void): void {
    let s = start;
    let e = end;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (s === e) return;
    const d = this.delimiters as Delimiters;
    this.index += 1;
    const view = this.segmentView();
    const lineBreak = view.moveTo(text, s, e, this.index, d);
    // A line break inside a segment is never data when something else terminates segments:
    // it comes from files wrapped at a fixed width.
    if (lineBreak && d.segment !== '\n') {
      this.emitText(text.slice(s, e).replace(/[\r\n]+/g, ''), out);
      return;
    }
    if (text.charCodeAt(s) === 73 && this.index > 1 && text.startsWith('ISA', s)) {
      this.emitText(text.slice(s, e), out);
      return;
    }
    out(view);
  }
  /** The rare segment that needed its own text (joined lines, a later ISA). */
  private emitText(segment: string, out: (segment: Segment) => void): void {
    if (this.index > 1 && segment.startsWith('ISA')) this.resync(segment);
    out(new Segment(segment, this.index, this.delimiters as Delimiters));
  }

  /** A later interchange may use other component/repetition separators; the element separator and terminator must stay. */
  private resync(isaText: string): void {
    const current = this.delimiters as Delimiters;
    const found = delimitersFromIsa(isaText + current.segment + 'GS');
    if (found === undefined) return;
    if (found.element !== current.element) {
      this.problems.push({
        kind: 'separator-changed',
        segment: this.index,
        detail: `this interchange uses "${found.element}" between elements but the file started with "${current.element}"`,
      });
      return;
    }
    if (found.component !== current.component || found.repetition !== current.repetition) {
      this.delimiters = { ...current, component: found.component, repetition: found.repetition };
    }
  }
}

/**
 * Decodes a stream of bytes (UTF-8 with or without BOM, UTF-16, Windows-1252: the shared text
 * decoder) and yields the segments of each chunk as they complete.
 */
export async function* segmentBatches(
  chunks: AsyncIterable<Uint8Array>,
  splitter = new SegmentSplitter(),
  decoder = new TextStreamDecoder(''),
): AsyncGenerator<Segment[]> {
  for await (const chunk of chunks) {
    const batch = splitter.push(decoder.write(chunk));
    if (batch.length > 0) yield batch;
  }
  const tail = decoder.end();
  const last = tail.length > 0 ? [...splitter.push(tail), ...splitter.end()] : splitter.end();
  if (last.length > 0) yield last;
}

/** Every segment of a text held in memory (tests and small inputs). */
export function segmentsOfText(text: string): { segments: Segment[]; problems: readonly TokenizerProblem[] } {
  const splitter = new SegmentSplitter();
  const segments = [...splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), ...splitter.end()];
  return { segments, problems: splitter.problems };
}
