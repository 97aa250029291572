/**
 * Streaming delimited text: bytes → text (connectors/text) → rows (./tokenizer), chunk by chunk, so
 * memory holds one chunk and the rows being mapped, never the file. Each row is delivered with the
 * physical line it starts on (a quoted field may span lines).
 */
import { messages } from '../../core/messages';
import type { Issue } from '../../core/issues';
import type { SourceFile } from '../source';
import { TextStreamDecoder } from '../text/decode';
import { sniffDelimiter, type Delimiter } from '../text/delimiter';
import { IssueLog } from './issues';
import { DelimitedTokenizer, type Newline } from './tokenizer';

export type RowHandler = (cells: readonly string[], line: number) => void;

export interface StreamOptions {
  /** Fixed delimiter; sniffed from the first text when absent. */
  readonly delimiter?: Delimiter | undefined;
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
}

export interface StreamResult {
  readonly delimiter: Delimiter;
  readonly issues: readonly Issue[];
  /** Physical lines of text read. */
  readonly lines: number;
}

/** Text looked at before choosing the delimiter and line ending. */
const SNIFF_CHARS = 64 * 1024;

function newlineOf(text: string): Newline {
  const lf = text.indexOf('\n');
  if (lf === -1) return text.includes('\r') ? '\r' : '\n';
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Reads `source` as delimited text and calls `onRow` for every row (blank lines included). */
export async function streamDelimited(source: SourceFile, onRow: RowHandler, options: StreamOptions = {}): Promise<StreamResult> {
  const decoder = new TextStreamDecoder(source.name);
  const log = new IssueLog(source.name, 100);
  let tokenizer: DelimitedTokenizer | undefined;
  let delimiter: Delimiter = options.delimiter ?? ',';
  let pendingText = '';
  let bytesRead = 0;

  const parse = (text: string, final: boolean) => {
    if (tokenizer === undefined) {
      pendingText += text;
      if (!final && pendingText.length < SNIFF_CHARS) return;
      delimiter = options.delimiter ?? sniffDelimiter(pendingText, source.name) ?? ',';
      tokenizer = new DelimitedTokenizer(delimiter, newlineOf(pendingText), onRow, (line, message) => log.add('malformed-row', 'warning', messages.malformedRow(message), { line }));
      text = pendingText;
      pendingText = '';
    }
    tokenizer.push(text);
    if (final) tokenizer.end();
  };

  for await (const chunk of source.chunks()) {
    bytesRead += chunk.byteLength;
    parse(decoder.write(chunk), false);
    options.onProgress?.(bytesRead);
  }
  parse(decoder.end(), true);
  log.push(...decoder.issues);
  return { delimiter, issues: log.finish(), lines: tokenizer?.lines ?? 0 };
}
