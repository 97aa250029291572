/**
 * Rows → canonical records through a mapping profile, for any tabular source (CSV/TSV text or a
 * workbook sheet). Finds the header row (tolerating title lines above it), chooses or applies the
 * profile, then reads each row: every data row ends as records or as a rejected row with an issue,
 * so `rowsRead = recordsImported + rowsRejected` holds by construction.
 */
import type { IssueLocation } from '../../core/issues';
import { messages } from '../../core/messages';
import type { CanonicalRecord } from '../../core/model';
import type { Lineage } from '../../core/model/common';
import { KeyIndex } from '../../core/key-index';
import { digestKey } from '../../core/privacy';
import type { ImportResult, MappingReport, SourceFormat } from '../../core/source';
import type { RecordSink } from '../importer';
import type { MappingProfile } from '../profiles/schema';
import { IssueLog } from './issues';
import { compileProfile, fitScore, KEY_SLOT, LINEAGE_SLOT, type CompiledField, type CompiledProfile, type CompiledRule } from './mapping';
import { compileRowCode, type RowCode } from './row-code';
import { Bad, detach, readColumns, trimCell, type Cell } from './values';

/** Title or preamble lines tolerated above the header row (CMS files have a handful). */
export const MAX_PREAMBLE_ROWS = 20;

export interface TableOptions {
  readonly file: string;
  readonly format: SourceFormat;
  /** The profile to use; without it one is chosen from `candidates` by the headers. */
  readonly profile?: MappingProfile | undefined;
  readonly candidates: readonly MappingProfile[];
  /** The generic profile an unknown layout's mapping report is measured against. */
  readonly fallbackReport?: MappingProfile | undefined;
  readonly sheet?: string | undefined;
  /** Where records go as rows are read (in batches); without it they are kept for the result. */
  readonly sink?: RecordSink | undefined;
}

/** Records handed to a sink per call. */
const BATCH = 256;

let rowCodeAllowed = true;

/**
 * Whether rows are read by code generated for the profile (row-code.ts) where it can be; the loops
 * below otherwise. Both give the same records and issues; tests switch it off to compare them.
 */
export function useRowCode(allowed: boolean): void {
  rowCodeAllowed = allowed;
}

export class TableImport {
  readonly log: IssueLog;
  private readonly records: CanonicalRecord[] = [];
  private compiled: CompiledProfile | undefined;
  /** The profile's generated row code, when there is some. */
  private code: RowCode | undefined;
  private headerLine = 0;
  /** Rows seen before a header was recognised: [cells, line]. */
  private pending: [readonly string[], number][] = [];
  private state: 'searching' | 'mapped' | 'unmapped' = 'searching';
  private unmappedHeaders: readonly string[] = [];
  private rowsRead = 0;
  private rowsRejected = 0;
  private recordsImported = 0;
  /** Row keys seen in this file, with the line of each. */
  private readonly seenKeys = new KeyIndex();
  private values: Cell[] = [];
  /** Per input, the text read on the last row the loops read, and its value: a repeated cell is not read again. */
  private lastText: string[] = [];
  private lastValue: Cell[] = [];
  /** Records of the row being read (reused: a row's records are kept only once all rules succeed). */
  private readonly made: CanonicalRecord[] = [];
  private readonly location: (line: number, column?: string) => Omit<IssueLocation, 'file'>;

  constructor(private readonly options: TableOptions) {
    this.log = new IssueLog(options.file);
    const sheet = options.sheet;
    this.location =
      sheet === undefined
        ? (line, column) => (column === undefined ? { line } : { line, column })
        : (line, column) => (column === undefined ? { line, sheet } : { line, column, sheet });
  }

  /** One row of cells as text, with the physical line (or sheet row) where it starts. */
  row(cells: readonly string[], line: number): void {
    if (isBlank(cells)) return;
    if (this.state === 'mapped') {
      this.dataRow(cells, line);
      return;
    }
    if (this.state === 'unmapped') {
      this.rowsRead++;
      this.rowsRejected++;
      return;
    }
    this.pending.push([cells, line]);
    if (this.tryHeader(cells, line)) {
      const preamble = this.pending.length - 1;
      if (preamble > 0) this.log.add('preamble-skipped', 'info', messages.preambleSkipped(preamble), this.location(this.headerLine));
      this.pending = [];
      return;
    }
    if (this.pending.length >= MAX_PREAMBLE_ROWS) this.giveUp();
  }

  private tryHeader(cells: readonly string[], line: number): boolean {
    const headers = cells.map(trimCell);
    const forced = this.options.profile;
    let chosen: MappingProfile | undefined;
    if (forced !== undefined) {
      if (fitScore(forced, headers, this.options.file) !== undefined) chosen = forced;
    } else {
      let best = -1;
      for (const p of this.options.candidates) {
        const score = fitScore(p, headers, this.options.file);
        if (score !== undefined && score > best) [best, chosen] = [score, p];
      }
    }
    if (chosen === undefined) return false;
    const result = compileProfile(chosen, headers);
    if (!result.ok) {
      this.log.add('profile-invalid', 'error', messages.profileInvalid(result.error), { line });
      return false;
    }
    this.compiled = result.compiled;
    this.code = rowCodeAllowed ? compileRowCode(result.compiled) : undefined;
    this.headerLine = line;
    this.state = 'mapped';
    this.values = new Array<Cell>(result.compiled.inputs.length);
    this.lastText = new Array<string>(result.compiled.inputs.length).fill('');
    this.lastValue = new Array<Cell>(result.compiled.inputs.length);
    return true;
  }

  /** No header row matched: the first non-blank row is taken as the header; no row is guessed at. */
  private giveUp(): void {
    const [first, ...rest] = this.pending;
    this.state = 'unmapped';
    this.unmappedHeaders = (first?.[0] ?? []).map((c) => c.trim());
    this.headerLine = first?.[1] ?? 0;
    this.rowsRead += rest.length;
    this.rowsRejected += rest.length;
    this.pending = [];
  }

  private dataRow(cells: readonly string[], line: number): void {
    const compiled = this.compiled as CompiledProfile;
    if (trimCell(cells[0]) === compiled.headers[0] && this.isHeaderAgain(cells, compiled.headers)) {
      // Paginated reports repeat their header row; it is not data.
      this.log.add('header-repeated', 'info', messages.headerRepeated(), this.location(line));
      return;
    }
    this.rowsRead++;
    const width = compiled.headers.length;
    if (cells.length !== width) this.log.add('ragged-row', 'warning', messages.raggedRow(cells.length, width), this.location(line));

    const rowKey = this.rowKey(cells, compiled);
    const earlier = this.seenKeys.get(rowKey);
    if (earlier !== undefined) {
      this.rowsRejected++;
      this.log.add('duplicate-row', 'warning', messages.duplicateRow(rowKey, earlier), this.location(line));
      return;
    }

    const lineage: Lineage = { source: this.options.file, line, profile: compiled.profile.id };
    // The plain row: generated code makes its records; a row that needs an issue goes through the loops below.
    if (this.code !== undefined && this.code(cells, rowKey, lineage, this.records) > 0) return this.imported(rowKey, line);

    const { inputs } = compiled;
    const { values, lastText, lastValue } = this;
    let bad = false;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i] as (typeof inputs)[number];
      const column = input.column;
      let value: Cell;
      if (column >= 0) {
        const text = trimCell(cells[column]);
        if (text === '') value = undefined;
        else if (text === lastText[i]) value = lastValue[i];
        else {
          value = input.read(text);
          lastText[i] = text;
          lastValue[i] = value;
        }
      } else if (column === -1) value = undefined;
      else value = readColumns(cells, input.columns, input.read);
      values[i] = value;
      if (value instanceof Bad) bad = true;
    }

    const made = this.made;
    made.length = 0;
    let matchedAny = false;
    let firstValue: string | undefined;
    const rules = compiled.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as CompiledRule;
      const fires = this.fires(rule, cells, compiled);
      if (fires instanceof Bad) return this.reject(line, fires, compiled.inputs[rule.when?.input ?? 0]?.headers[0]);
      if (!fires) {
        if (rule.when !== undefined && firstValue === undefined) {
          const input = compiled.inputs[rule.when.input];
          const raw = input?.columns[0] === undefined ? undefined : cells[input.columns[0]];
          firstValue = raw === undefined ? undefined : trimCell(raw);
        }
        continue;
      }
      matchedAny = true;
      const built = this.build(rule, compiled, rowKey, lineage, line);
      if (built === undefined) {
        this.rowsRejected++;
        return;
      }
      made.push(built);
    }
    if (!matchedAny) {
      this.rowsRejected++;
      const message = firstValue !== undefined && firstValue !== '' ? messages.rowTypeNotRecognised(firstValue) : messages.rowHasNothing();
      this.log.add('row-not-imported', 'warning', message, this.location(line));
      return;
    }
    for (let r = 0; r < made.length; r++) this.records.push(made[r] as CanonicalRecord);
    this.imported(rowKey, line);
    // Warnings for optional cells that could not be read (the row is kept without them).
    if (bad)
      for (let i = 0; i < inputs.length; i++) {
        const v = values[i];
        if (v instanceof Bad) {
          const input = inputs[i] as (typeof inputs)[number];
          const header = input.headers[0] ?? input.name;
          this.log.add('value-invalid', 'warning', messages.fieldInvalid(header, v.message), this.location(line, header));
        }
      }
  }

  /** The row's records are in `records`: its key is remembered, and a full batch goes to the sink. */
  private imported(rowKey: string, line: number): void {
    this.seenKeys.addIfAbsent(rowKey, line);
    this.recordsImported++;
    if (this.options.sink !== undefined && this.records.length >= BATCH) this.flush();
  }

  private isHeaderAgain(cells: readonly string[], headers: readonly string[]): boolean {
    if (cells.length !== headers.length) return false;
    for (let i = 0; i < cells.length; i++) if (trimCell(cells[i]) !== headers[i]) return false;
    return true;
  }

  private rowKey(cells: readonly string[], compiled: CompiledProfile): string {
    const prefix = compiled.profile.keyPrefix ?? '';
    if (compiled.keyInputs.length === 1) {
      const input = compiled.inputs[compiled.keyInputs[0] as number];
      const c = input?.columns[0];
      const text = c === undefined ? '' : trimCell(cells[c]);
      if (text !== '') return prefix === '' ? detach(text) : prefix + text;
    } else if (compiled.keyInputs.length > 1) {
      const parts: string[] = [];
      let any = false;
      for (const k of compiled.keyInputs) {
        const input = compiled.inputs[k];
        const text = input === undefined ? '' : input.columns.map((c) => trimCell(cells[c])).join(';');
        if (text !== '') any = true;
        parts.push(text);
      }
      if (any) return prefix + parts.join('|');
    }
    // No key column (or it is empty): the whole row is its identity.
    return prefix + digestKey(cells.map(trimCell));
  }

  /** Whether a rule makes a record from this row. */
  private fires(rule: CompiledRule, cells: readonly string[], compiled: CompiledProfile): boolean | Bad {
    const when = rule.when;
    if (when === undefined) return true;
    const value = this.values[when.input];
    if (when.in !== undefined) {
      const input = compiled.inputs[when.input];
      const c = input?.columns[0];
      const text = c === undefined ? '' : trimCell(cells[c]).toLowerCase();
      return when.in.has(text);
    }
    if (when.nonZero) {
      if (value instanceof Bad) return value;
      return typeof value === 'number' && value !== 0;
    }
    if (when.nonEmpty) return value !== undefined && !(value instanceof Bad);
    return true;
  }

  /** One record from the row's values, or undefined (with an issue) when a required field is missing. */
  private build(rule: CompiledRule, compiled: CompiledProfile, rowKey: string, lineage: Lineage, line: number): CanonicalRecord | undefined {
    const slots = rule.slots;
    const template = rule.shape.template;
    for (let i = 0; i < template.length; i++) slots[i] = template[i];
    slots[KEY_SLOT] = rule.keySuffix === '' ? rowKey : rowKey + rule.keySuffix;
    slots[LINEAGE_SLOT] = lineage;
    const values = this.values;
    const fields = rule.fields;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as CompiledField;
      const sources = field.sources;
      let value: Cell;
      let bad: Bad | undefined;
      let badSource = -1;
      for (let k = 0; k < sources.length; k++) {
        const s = sources[k] as number;
        const v = values[s];
        if (v === undefined) continue;
        if (v instanceof Bad) {
          if (bad === undefined) [bad, badSource] = [v, s];
          continue;
        }
        value = v;
        break;
      }
      if (value === undefined) {
        if (field.info.required && slots[field.slot] === undefined) {
          const input = compiled.inputs[bad === undefined ? (sources[0] as number) : badSource];
          const header = input?.headers[0] ?? input?.name ?? field.info.name;
          if (bad !== undefined) this.log.add('value-invalid', 'error', messages.fieldInvalid(header, bad.message), this.location(line, header));
          else this.log.add('required-missing', 'error', messages.requiredMissing(field.info.name, header), this.location(line, header));
          return undefined;
        }
        continue;
      }
      const converted = field.convert === undefined ? value : field.convert(value);
      const options = field.info.options;
      if (options !== undefined && !options.has(converted as string)) {
        const input = compiled.inputs[sources[0] as number];
        const header = input?.headers[0] ?? field.info.name;
        if (field.info.required) {
          this.log.add('value-invalid', 'error', messages.valueNotRecognised(String(converted), [...options].join(', ')), this.location(line, header));
          return undefined;
        }
        continue;
      }
      slots[field.slot] = converted;
    }
    if (rule.transaction) {
      const stated = slots[rule.statedSlot] as number;
      slots[rule.amountSlot] = stated === 0 ? 0 : rule.rule.sign * stated;
    }
    return rule.shape.make(slots) as CanonicalRecord;
  }

  private reject(line: number, bad: Bad, header: string | undefined): void {
    this.rowsRejected++;
    this.log.add('value-invalid', 'error', header === undefined ? bad.message : messages.fieldInvalid(header, bad.message), this.location(line, header));
  }

  /** Hands the records read so far to the sink. */
  private flush(): void {
    if (this.records.length === 0) return;
    (this.options.sink as RecordSink)(this.records);
    this.records.length = 0;
  }

  /** The result; call once, after the last row. */
  finish(extra: { issues?: ImportResult['issues'] } = {}): ImportResult {
    if (this.options.sink !== undefined) this.flush();
    if (this.state === 'searching') {
      if (this.pending.length > 0) this.giveUp();
    }
    let mapping: MappingReport | undefined = this.compiled?.report;
    const { file, format } = this.options;
    if (this.state === 'unmapped') {
      mapping = this.reportForUnknown();
      this.log.add('unknown-layout', 'error', messages.unknownLayout(this.rowsRead, mapping.missingRequired), this.location(this.headerLine));
    } else if (this.state === 'searching') {
      this.log.add('file-empty', 'warning', messages.fileEmpty());
    } else if (this.rowsRead === 0) {
      this.log.add('header-only', 'warning', messages.headerOnly(), this.location(this.headerLine));
    }
    if (extra.issues !== undefined) this.log.push(...extra.issues);
    return {
      file,
      format,
      profile: this.compiled?.profile.id,
      rowsRead: this.rowsRead,
      recordsImported: this.recordsImported,
      rowsRejected: this.rowsRejected,
      records: this.records,
      issues: this.log.finish(),
      mapping,
    };
  }

  /** For a layout no profile fits: what the forced (or generic) profile would have needed. */
  private reportForUnknown(): MappingReport {
    const against = this.options.profile ?? this.options.fallbackReport;
    const headers = this.unmappedHeaders;
    if (against !== undefined) {
      const r = compileProfile(against, headers);
      if (r.ok) return r.compiled.report;
    }
    return { headers, mapped: {}, missingRequired: [], unmappedHeaders: headers.filter((h) => h !== '') };
  }

  /** The profile chosen (after the header row was seen). */
  get profile(): MappingProfile | undefined {
    return this.compiled?.profile;
  }
}

function isBlank(cells: readonly string[]): boolean {
  if (trimCell(cells[0]) !== '') return false;
  for (let i = 1; i < cells.length; i++) if (trimCell(cells[i]) !== '') return false;
  return true;
}
