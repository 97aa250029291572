/**
 * Delimited text → rows of cells, fed chunk by chunk (RFC 4180 quoting: a field that starts with a
 * double quote runs to the matching quote, may hold delimiters and line breaks, and writes a quote
 * as two). Each row is delivered with the physical line it starts on.
 *
 * It replaces papaparse's parser on the import path because most lines of an export hold no quote
 * at all: such a line is cut with one native `split`, and only lines that do hold a quote are walked
 * field by field. papaparse re-walks a whole chunk character by character as soon as any line in
 * it is quoted (a provider named "Jordan Notreal, NP" on one line in five is enough), which made
 * the parse alone about twice as slow as this on the bench's exports. papaparse's behaviour is
 * kept where a file is malformed: an unterminated quote runs to the end of the input, a closing
 * quote followed by other text is kept as text; both are reported with the row's line.
 *
 * Memory: the tokenizer holds the unfinished last row of a chunk, and no more. A quote that opens
 * a field and is never closed would make that row the rest of the file; after `MAX_QUOTED_CHARS`
 * the quote is reported and read as text, so one stray quote cannot hold a large file in memory.
 */

export type RowHandler = (cells: string[], line: number) => void;
export type ErrorHandler = (line: number, message: string) => void;
export type Newline = '\n' | '\r\n' | '\r';

/** The longest quoted field kept whole (characters); longer, the opening quote is read as text. */
export const MAX_QUOTED_CHARS = 64 * 1024 * 1024;

const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

export const tokenizerMessages = {
  unterminated: 'a quoted field is not closed before the end of the file',
  trailingQuote: 'a closing quote is followed by other text in the same field (the quote is kept as text)',
  tooLong: (chars: number) => `a quote opens a field that is not closed within ${chars.toLocaleString('en-US')} characters; the quote is read as text`,
};

export class DelimitedTokenizer {
  /** The start of a row that the chunks so far do not finish. */
  private carry = '';
  /** While a quoted field is open across chunks: the chunks since, unjoined (joining each time would be quadratic). */
  private open: string[] | undefined;
  private openChars = 0;
  /** The row at the start of the next text is read with its quotes as text (a quoted field ran too long). */
  private literalFirstRow = false;
  private line = 1;
  /** Cells in the last quote-free row: the next row's array is made that long at once. */
  private width = 1;
  private readonly delimiterLength: number;
  private readonly newlineLength: number;
  /** The character counted as a line break inside quoted fields. */
  private readonly lineChar: string;
  /** Whitespace tolerated between a closing quote and the delimiter (not the delimiter itself). */
  private readonly padding: (code: number) => boolean;

  constructor(
    private readonly delimiter: string,
    private readonly newline: Newline,
    private readonly onRow: RowHandler,
    private readonly onError: ErrorHandler,
  ) {
    this.delimiterLength = delimiter.length;
    this.newlineLength = newline.length;
    this.lineChar = newline === '\r' ? '\r' : '\n';
    this.padding = delimiter === '\t' ? (c) => c === SPACE : (c) => c === SPACE || c === TAB;
  }

  /** Physical lines delivered so far (the next row's line is this + 1). */
  get lines(): number {
    return this.line - 1;
  }

  push(text: string): void {
    if (text === '') return;
    if (this.open !== undefined) {
      // Inside an open quoted field: nothing can close it until a chunk holds a quote.
      this.openChars += text.length;
      if (text.indexOf('"') === -1 && this.openChars <= MAX_QUOTED_CHARS) {
        this.open.push(text);
        return;
      }
      this.open.push(text);
      const joined = this.carry + this.open.join('');
      this.open = undefined;
      this.carry = '';
      if (this.openChars > MAX_QUOTED_CHARS) {
        this.onError(this.line, tokenizerMessages.tooLong(MAX_QUOTED_CHARS));
        this.literalFirstRow = true;
      }
      this.run(joined, false);
      return;
    }
    this.run(this.carry === '' ? text : this.carry + text, false);
  }

  /** The end of the input: the last row, even without a line break after it. */
  end(): void {
    const rest = this.open === undefined ? this.carry : this.carry + this.open.join('');
    this.open = undefined;
    this.carry = '';
    if (rest !== '') this.run(rest, true);
  }

  private run(s: string, final: boolean): void {
    const len = s.length;
    const { delimiter, newline, newlineLength, delimiterLength } = this;
    let pos = 0;
    let quote = s.indexOf('"');
    /** The next delimiter at or after `pos` (-1: none in the text). */
    let next = -2;
    if (this.literalFirstRow) {
      this.literalFirstRow = false;
      let eol = s.indexOf(newline);
      if (eol === -1) eol = len;
      this.onRow(s.slice(0, eol).split(delimiter), this.line++);
      pos = eol + newlineLength;
      quote = s.indexOf('"', pos);
    }
    while (pos < len) {
      let eol = s.indexOf(newline, pos);
      if (eol === -1) {
        if (!final) break;
        eol = len;
      }
      if (quote === -1 || quote >= eol) {
        // No quote on this line: cut at each delimiter (the next one is remembered across lines).
        const cells: string[] = new Array<string>(this.width);
        let k = 0;
        if (next !== -1 && next < pos) next = s.indexOf(delimiter, pos);
        while (next !== -1 && next < eol) {
          cells[k++] = s.slice(pos, next);
          pos = next + delimiterLength;
          next = s.indexOf(delimiter, pos);
        }
        cells[k++] = s.slice(pos, eol);
        if (k !== this.width) {
          cells.length = k;
          this.width = k;
        }
        this.onRow(cells, this.line++);
        pos = eol + newlineLength;
        continue;
      }
      const after = this.quotedRow(s, pos, final);
      if (after === -1) {
        // The row is not finished in this text.
        this.carry = s.slice(pos);
        if (this.open !== undefined) this.openChars = this.carry.length;
        return;
      }
      pos = after;
      quote = pos < len ? s.indexOf('"', pos) : -1;
    }
    this.carry = pos < len ? s.slice(pos) : '';
  }

  /**
   * Reads the row starting at `start`, which holds a quote, field by field. Returns where the next
   * row starts, or -1 when the text ends before the row does (and more text is to come).
   */
  private quotedRow(s: string, start: number, final: boolean): number {
    const len = s.length;
    const { delimiter, newline, delimiterLength, newlineLength } = this;
    const cells: string[] = [];
    let breaks = 0;
    let error: string | undefined;
    let i = start;
    /** The next line break at or after `i` (found again only once a quoted field has run past it). */
    let eol = -1;
    for (;;) {
      if (s.charCodeAt(i) !== QUOTE) {
        // An unquoted field: to the next delimiter or line break (a quote inside it is text).
        const d = s.indexOf(delimiter, i);
        if (eol < i) {
          eol = s.indexOf(newline, i);
          if (eol === -1) {
            if (!final) return -1;
            eol = len;
          }
        }
        if (d !== -1 && d < eol) {
          cells.push(s.slice(i, d));
          i = d + delimiterLength;
          continue;
        }
        cells.push(s.slice(i, eol));
        return this.emit(cells, breaks, error, eol + newlineLength);
      }
      // A quoted field.
      let value = '';
      let from = i + 1;
      let search = from;
      for (;;) {
        const q = s.indexOf('"', search);
        if (q === -1) {
          if (!final) {
            this.open = [];
            return -1;
          }
          // Unterminated: the rest of the input is the field (as papaparse reads it).
          value += s.slice(from);
          breaks += count(value, this.lineChar);
          cells.push(value);
          return this.emit(cells, breaks, error ?? tokenizerMessages.unterminated, len);
        }
        if (q + 1 >= len && !final) return -1;
        if (s.charCodeAt(q + 1) === QUOTE) {
          value += s.slice(from, q + 1);
          from = search = q + 2;
          continue;
        }
        let after = q + 1;
        while (after < len && this.padding(s.charCodeAt(after))) after++;
        if (after >= len) {
          if (!final) return -1;
          value += s.slice(from, q);
          breaks += count(value, this.lineChar);
          cells.push(value);
          return this.emit(cells, breaks, error, len);
        }
        if (s.startsWith(delimiter, after)) {
          value += s.slice(from, q);
          breaks += count(value, this.lineChar);
          cells.push(value);
          i = after + delimiterLength;
          break;
        }
        if (s.startsWith(newline, after)) {
          value += s.slice(from, q);
          breaks += count(value, this.lineChar);
          cells.push(value);
          return this.emit(cells, breaks, error, after + newlineLength);
        }
        // A quote followed by other text: kept as text, and the field goes on to the next quote.
        error ??= tokenizerMessages.trailingQuote;
        search = q + 1;
      }
      if (i >= len) {
        // A delimiter ended the text: the row's last field is empty.
        if (!final) return -1;
        cells.push('');
        return this.emit(cells, breaks, error, len);
      }
    }
  }

  private emit(cells: string[], breaks: number, error: string | undefined, next: number): number {
    const line = this.line;
    if (error !== undefined) this.onError(line, error);
    this.onRow(cells, line);
    this.line = line + 1 + breaks;
    return next;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  let at = text.indexOf(char);
  while (at !== -1) {
    n++;
    at = text.indexOf(char, at + 1);
  }
  return n;
}
