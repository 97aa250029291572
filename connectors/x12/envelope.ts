/**
 * The envelope walk shared by the 835 and 837P importers: ISA/GS/ST … SE/GE/IEA, with control
 * numbers and counts checked, each ST…SE handed to a transaction reader.
 *
 * Accounting: every segment is either used (it contributed to a record, or to the envelope and
 * loop structure) or rejected (reported by an issue). Known segments the canonical records have
 * no field for (N3 addresses, PER contacts, TS3 totals …) are used: they are read as structure.
 */
import { messages } from '../../core/messages';
import type { SourceFile } from '../source';
import { TextStreamDecoder } from '../text/decode';
import type { Reporter } from './report';
import { element } from './report';
import { SegmentSplitter, segmentCode, type Segment } from './tokenizer';

/**
 * Chunks are decoded and cut this many bytes at a time: the text being read is alive whenever the
 * young generation is collected, so it is moved to the old one, and a 1 MB chunk's text left there
 * per collection made the heap grow with the file; 64 KB pieces keep that small.
 */
const PIECE = 1 << 16;
const [ISA, GS, ST, SE, GE, IEA] = ['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].map(segmentCode);

/** Where a transaction sits: the control numbers every issue about it names. */
export interface TransactionContext {
  readonly file: string;
  /** ISA13, or "(none)" for a bare ST…SE file. */
  readonly interchange: string;
  /** GS06. */
  readonly group: string | undefined;
  /** ST03, else GS08: the implementation guide (005010X221A1, 004010X091A1 …). */
  readonly version: string | undefined;
  /** ST02. */
  readonly transaction: string;
  readonly report: Reporter;
  /** Moves `count` segments already counted as used to rejected (a line found unusable when it closes); report why first. */
  readonly unuse: (count: number) => void;
}

export interface TransactionReader {
  /** Reads one segment between ST and SE; returns false when it could not be used (after reporting why). */
  segment(segment: Segment): boolean;
  /** Closes open loops at SE (or where SE should have been) and runs the transaction's checks. */
  end(se: Segment | undefined): void;
}

export interface TransactionSet {
  /** ST01 this reader accepts: "835" or "837". */
  readonly id: string;
  begin(context: TransactionContext, st: Segment): TransactionReader;
}

export interface SegmentCounts {
  readonly segments: number;
  readonly used: number;
  readonly rejected: number;
}

/** Reads every interchange of `source`, handing each transaction of `set` to its reader. */
export async function readInterchanges(
  source: SourceFile,
  set: TransactionSet,
  report: Reporter,
  onProgress?: (bytesRead: number) => void,
): Promise<SegmentCounts> {
  const walk = new EnvelopeWalk(source.name, set, report);
  const splitter = new SegmentSplitter();
  const decoder = new TextStreamDecoder(source.name);
  const sink = (segment: Segment) => walk.segment(segment);
  let bytes = 0;
  for await (const chunk of source.chunks()) {
    bytes += chunk.byteLength;
    for (let at = 0; at < chunk.byteLength; at += PIECE) splitter.feed(decoder.write(chunk.subarray(at, at + PIECE)), sink);
    onProgress?.(bytes);
  }
  const tail = decoder.end();
  if (tail.length > 0) splitter.feed(tail, sink);
  splitter.finish(sink);
  for (const problem of splitter.problems) {
    const message = problem.kind === 'not-x12' ? messages.x12NotX12(problem.detail) : messages.x12SeparatorChanged(problem.detail);
    report.add(problem.kind === 'not-x12' ? 'x12-not-x12' : 'x12-separator-changed', 'error', message, problem.segment);
  }
  report.issues.push(...decoder.issues);
  walk.end();
  return { segments: walk.segments, used: walk.used, rejected: walk.rejected };
}

class EnvelopeWalk {
  segments = 0;
  used = 0;
  rejected = 0;
  private interchange: { control: string; groups: number; index: number } | undefined;
  private group: { control: string | undefined; version: string | undefined; transactions: number; index: number } | undefined;
  private transaction:
    | { control: string; reader: TransactionReader | undefined; segments: number; index: number; setId: string }
    | undefined;

  constructor(
    private readonly file: string,
    private readonly set: TransactionSet,
    private readonly report: Reporter,
  ) {}

  segment(s: Segment): void {
    this.segments += 1;
    if (this.transaction !== undefined) this.transaction.segments += 1;
    // Envelope segments are rare: one range test on the first letter keeps the common path short.
    const first = s.code >> 16;
    if (first === 73 || first === 71 || first === 83) {
      switch (s.code) {
        case ISA:
          return this.isa(s);
        case GS:
          return this.gs(s);
        case ST:
          return this.st(s);
        case SE:
          return this.se(s);
        case GE:
          return this.ge(s);
        case IEA:
          return this.iea(s);
        default:
          break;
      }
    }
    const t = this.transaction;
    if (t === undefined) {
      this.report.add('x12-segment-outside-transaction', 'error', messages.x12OutsideTransaction(s.id), s.index);
      this.rejected += 1;
      return;
    }
    if (t.reader === undefined) {
      this.rejected += 1; // reported once for the whole transaction at its SE
      return;
    }
    if (t.reader.segment(s)) this.used += 1;
    else this.rejected += 1;
  }

  end(): void {
    this.closeTransaction(undefined);
    if (this.group !== undefined) this.missing('GE', 'GS', this.group.control ?? '', this.group.index);
    if (this.interchange !== undefined) this.missing('IEA', 'ISA', this.interchange.control, this.interchange.index);
  }

  private isa(s: Segment): void {
    this.used += 1;
    this.closeTransaction(undefined);
    if (this.group !== undefined) this.missing('GE', 'GS', this.group.control ?? '', this.group.index);
    if (this.interchange !== undefined) this.missing('IEA', 'ISA', this.interchange.control, this.interchange.index);
    this.group = undefined;
    this.interchange = { control: element(s, 13) ?? '(none)', groups: 0, index: s.index };
  }

  private gs(s: Segment): void {
    this.used += 1;
    this.closeTransaction(undefined);
    if (this.group !== undefined) this.missing('GE', 'GS', this.group.control ?? '', this.group.index);
    if (this.interchange !== undefined) this.interchange.groups += 1;
    this.group = { control: element(s, 6), version: element(s, 8), transactions: 0, index: s.index };
  }

  private st(s: Segment): void {
    this.used += 1;
    this.closeTransaction(undefined);
    if (this.group !== undefined) this.group.transactions += 1;
    const setId = element(s, 1) ?? '';
    const control = element(s, 2) ?? '(none)';
    const transaction = { control, reader: undefined as TransactionReader | undefined, segments: 1, index: s.index, setId };
    if (setId === this.set.id) {
      transaction.reader = this.set.begin(
        {
          file: this.file,
          interchange: this.interchange?.control ?? '(none)',
          group: this.group?.control,
          version: element(s, 3) ?? this.group?.version,
          transaction: control,
          report: this.report,
          unuse: (count: number) => {
            this.used -= count;
            this.rejected += count;
          },
        },
        s,
      );
    }
    this.transaction = transaction;
  }

  private se(s: Segment): void {
    this.used += 1;
    const t = this.transaction;
    if (t === undefined) {
      this.report.add('x12-envelope', 'warning', messages.x12OutsideTransaction('SE'), s.index);
      return;
    }
    const stated = element(s, 1);
    if (stated !== undefined && Number(stated) !== t.segments) {
      this.report.add('x12-envelope', 'warning', messages.x12CountMismatch(`SE ${t.control}`, 'segments', stated, t.segments), s.index);
    }
    const control = element(s, 2);
    if (control !== undefined && control !== t.control) {
      this.report.add('x12-envelope', 'warning', messages.x12ControlMismatch('SE', 'ST', control, t.control), s.index);
    }
    this.closeTransaction(s);
  }

  private ge(s: Segment): void {
    this.used += 1;
    this.closeTransaction(undefined);
    const g = this.group;
    if (g === undefined) {
      this.report.add('x12-envelope', 'warning', messages.x12OutsideTransaction('GE'), s.index);
      return;
    }
    const stated = element(s, 1);
    if (stated !== undefined && Number(stated) !== g.transactions) {
      this.report.add('x12-envelope', 'warning', messages.x12CountMismatch('GE', 'transactions', stated, g.transactions), s.index);
    }
    const control = element(s, 2);
    if (control !== undefined && g.control !== undefined && control !== g.control) {
      this.report.add('x12-envelope', 'warning', messages.x12ControlMismatch('GE', 'GS', control, g.control), s.index);
    }
    this.group = undefined;
  }

  private iea(s: Segment): void {
    this.used += 1;
    this.closeTransaction(undefined);
    if (this.group !== undefined) this.missing('GE', 'GS', this.group.control ?? '', this.group.index);
    this.group = undefined;
    const i = this.interchange;
    if (i === undefined) {
      this.report.add('x12-envelope', 'warning', messages.x12OutsideTransaction('IEA'), s.index);
      return;
    }
    const stated = element(s, 1);
    if (stated !== undefined && Number(stated) !== i.groups) {
      this.report.add('x12-envelope', 'warning', messages.x12CountMismatch('IEA', 'functional groups', stated, i.groups), s.index);
    }
    const control = element(s, 2);
    if (control !== undefined && control !== i.control) {
      this.report.add('x12-envelope', 'warning', messages.x12ControlMismatch('IEA', 'ISA', control, i.control), s.index);
    }
    this.interchange = undefined;
  }

  /** Ends the open transaction; `se` is undefined when its SE never came. */
  private closeTransaction(se: Segment | undefined): void {
    const t = this.transaction;
    if (t === undefined) return;
    this.transaction = undefined;
    if (se === undefined) this.missing('SE', 'ST', t.control, t.index);
    if (t.reader === undefined) {
      // ST and SE themselves were counted as used; the segments between them were rejected.
      const between = t.segments - (se === undefined ? 1 : 2);
      this.report.add('x12-transaction-unsupported', 'error', messages.x12TransactionUnsupported(t.setId || '(none)', this.set.id, between), t.index);
      return;
    }
    t.reader.end(se);
  }

  private missing(trailer: string, header: string, control: string, index: number): void {
    this.report.add('x12-envelope', 'warning', messages.x12MissingTrailer(trailer, header, control), index);
  }
}
