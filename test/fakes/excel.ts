/**
 * A fake Excel host: the subset of the Excel JavaScript API that render/office and the task pane
 * call (worksheets, ranges by address, values, formulas, number formats, formats, tables,
 * conditional formats, charts, names, freeze panes, settings-free) over an in-memory workbook.
 * Every call is charged its serialized size to the current request; `context.sync()` records the
 * request's payload (and whether calculation was suspended) and refuses more than 5 MB, as Excel
 * on the web does. Runs in Node (tests) and in the browser (bundled into the e2e page); no node: imports.
 */

import type { WorkbookReader, WorkbookReadRequest, WorkbookReadResult } from '../../functions/contract-reader';

export const EXCEL_WEB_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FakeCell {
  /** What the cell holds: a number, boolean or text (formulas keep their last written value out: see `formula`). */
  value: string | number | boolean | null;
  formula?: string | undefined;
  numberFormat: string;
  /** Text entered with a leading apostrophe. */
  quotePrefix?: boolean | undefined;
}

export interface FakeTable {
  name: string;
  sheet: string;
  /** Header + data rows, e.g. `A5:F20`. */
  range: string;
  style: string;
  showTotals: boolean;
}

export interface FakeChart {
  type: string;
  title: string;
  series: { name: string; values: string; categories?: string | undefined }[];
  position?: { from: string; to: string } | undefined;
}

export interface FakeFormat {
  range: string;
  props: Record<string, unknown>;
}

export interface FakeSheet {
  name: string;
  cells: Map<number, FakeCell>;
  formats: FakeFormat[];
  conditionalFormats: { range: string; type: string; rule: Record<string, unknown>; format: Record<string, unknown> }[];
  charts: FakeChart[];
  merges: string[];
  columnWidths: Map<string, number>;
  frozen?: { rows: number; columns: number } | undefined;
  tabColor?: string | undefined;
  visibility: string;
  /** Cell address → note text. */
  notes: Map<string, string>;
  pageLayout: { orientation?: string; printTitleRows?: string };
}

export interface SyncRecord {
  readonly bytes: number;
  readonly calls: number;
  readonly calculationSuspended: boolean;
}

const COLS = 16_384;
const key = (row: number, column: number) => row * COLS + column;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface Area {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** `B3`, `A1:C9`, `C:C` → an area (whole columns stop at row 1,048,576). */
export function parseArea(address: string): Area {
  const clean = address.replace(/\$/g, '');
  const cols = /^([A-Z]+):([A-Z]+)$/i.exec(clean);
  if (cols) {
    const a = columnIndex(cols[1] ?? '');
    const b = columnIndex(cols[2] ?? '');
    return { row: 1, column: a, rows: 1_048_576, columns: b - a + 1 };
  }
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(clean);
  if (!m) throw new Error(`InvalidArgument: not a range address: ${address}`);
  const row = Number(m[2]);
  const column = columnIndex(m[1] ?? '');
  const endRow = m[4] === undefined ? row : Number(m[4]);
  const endColumn = m[3] === undefined ? column : columnIndex(m[3]);
  return { row, column, rows: endRow - row + 1, columns: endColumn - column + 1 };
}

export function areaAddress(area: Area): string {
  const start = `${columnLetter(area.column)}${area.row}`;
  return area.rows === 1 && area.columns === 1 ? start : `${start}:${columnLetter(area.column + area.columns - 1)}${area.row + area.rows - 1}`;
}

/** The in-memory workbook the fake host writes to; tests inspect it. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names = new Map<string, { reference: string; comment?: string | undefined }>();
  readonly syncs: SyncRecord[] = [];
  /** Workbooks the add-in asked Excel to open (base64 .xlsx). */
  readonly createdWorkbooks: string[] = [];
  /** Who hears of edits (the worksheet onChanged / onAdded / onDeleted events of Excel). */
  readonly changeListeners: ((event: { readonly sheet: string; readonly kind: 'changed' | 'added' | 'deleted' }) => void)[] = [];

  /** Tells the listeners, as Excel raises its worksheet events. */
  notify(sheet: string, kind: 'changed' | 'added' | 'deleted'): void {
    for (const listener of this.changeListeners) listener({ sheet, kind });
  }

  constructor(sheetNames: readonly string[] = ['Sheet1']) {
    for (const name of sheetNames) this.addSheet(name);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): FakeSheet {
    if (this.sheet(name) !== undefined) throw new Error(`ItemAlreadyExists: a sheet named ${name} exists`);
    if (name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`InvalidArgument: bad sheet name ${name}`);
    const sheet: FakeSheet = { name, cells: new Map(), formats: [], conditionalFormats: [], charts: [], merges: [], columnWidths: new Map(), visibility: 'Visible', notes: new Map(), pageLayout: {} };
    this.sheets.push(sheet);
    this.notify(name, 'added');
    return sheet;
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const s = this.sheet(sheet);
    const a = parseArea(address);
    return s?.cells.get(key(a.row, a.column));
  }

  /** What a cell shows as a plain value: formulas as `=…`, text without its apostrophe. */
  shown(sheet: string, address: string): string | number | boolean | null {
    const c = this.cell(sheet, address);
    if (c === undefined) return null;
    return c.formula ?? c.value;
  }

  table(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
}

type Charge = (what: string, args: unknown) => void;

/** Writes one cell as Excel does when a value is entered through `values` or `formulas`. */
function enter(cell: FakeCell, input: unknown): void {
  cell.formula = undefined;
  cell.quotePrefix = undefined;
  if (input === null || input === undefined) return; // null leaves a cell unchanged in Office.js
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  const text = String(input);
  if (text === '') {
    cell.value = null;
    return;
  }
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = text;
    return;
  }
  if (text.startsWith('=') && text.length > 1) {
    cell.formula = text;
    cell.value = null;
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) {
    cell.value = Number(text);
    return;
  }
  if (/^(true|false)$/i.test(text)) {
    cell.value = text.toLowerCase() === 'true';
    return;
  }
  cell.value = text;
}

function grid(value: unknown, area: Area, what: string): unknown[][] {
  if (!Array.isArray(value)) return Array.from({ length: area.rows }, () => Array.from({ length: area.columns }, () => value));
  if (value.length !== area.rows || value.some((row) => !Array.isArray(row) || row.length !== area.columns)) {
    throw new Error(`InvalidArgument: ${what} of ${area.rows}×${area.columns} cells got a different shape`);
  }
  return value as unknown[][];
}

class FakeRange {
  readonly area: Area;
  address: string;
  values: unknown[][] = [];
  numberFormat: unknown[][] = [];
  isNullObject = false;

  constructor(
    private readonly book: FakeWorkbook,
    readonly sheet: FakeSheet,
    address: string,
    private readonly charge: Charge,
  ) {
    this.area = parseArea(address);
    this.address = `${sheet.name}!${areaAddress(this.area)}`;
    // Reads see the workbook as it is (the fake applies writes at once).
    Object.defineProperty(this, 'values', { get: () => this.read((c) => c?.value ?? ''), set: (v: unknown) => this.write('values', v) });
    Object.defineProperty(this, 'formulas', { get: () => this.read((c) => c?.formula ?? c?.value ?? ''), set: (v: unknown) => this.write('formulas', v) });
    Object.defineProperty(this, 'numberFormat', {
      get: () => this.read((c) => c?.numberFormat ?? 'General'),
      set: (v: unknown) => {
        this.charge('numberFormat', v);
        const g = grid(v, this.area, 'numberFormat');
        this.each((r, c) => {
          this.cellAt(r, c).numberFormat = String(g[r - this.area.row]?.[c - this.area.column] ?? 'General');
        });
      },
    });
  }

  private each(fn: (row: number, column: number) => void): void {
    for (let r = this.area.row; r < this.area.row + this.area.rows; r++) for (let c = this.area.column; c < this.area.column + this.area.columns; c++) fn(r, c);
  }

  private cellAt(row: number, column: number): FakeCell {
    let cell = this.sheet.cells.get(key(row, column));
    if (cell === undefined) {
      cell = { value: null, numberFormat: 'General' };
      this.sheet.cells.set(key(row, column), cell);
    }
    return cell;
  }

  private read<T>(fn: (cell: FakeCell | undefined) => T): T[][] {
    const rows: T[][] = [];
    for (let r = this.area.row; r < this.area.row + this.area.rows; r++) {
      const row: T[] = [];
      for (let c = this.area.column; c < this.area.column + this.area.columns; c++) row.push(fn(this.sheet.cells.get(key(r, c))));
      rows.push(row);
    }
    return rows;
  }

  private write(what: string, value: unknown): void {
    this.charge(what, value);
    const g = grid(value, this.area, what);
    this.each((r, c) => enter(this.cellAt(r, c), g[r - this.area.row]?.[c - this.area.column]));
    this.book.notify(this.sheet.name, 'changed');
  }

  load(): this {
    return this;
  }

  merge(across: boolean): void {
    this.charge('merge', [this.address, across]);
    this.sheet.merges.push(areaAddress(this.area));
  }

  get format() {
    const record = (prop: string) => (value: unknown) => {
      this.charge(`format.${prop}`, value);
      if (prop === 'columnWidth') {
        for (let c = this.area.column; c < this.area.column + this.area.columns; c++) this.sheet.columnWidths.set(columnLetter(c), Number(value));
        return;
      }
      this.sheet.formats.push({ range: areaAddress(this.area), props: { [prop]: value } });
    };
    const setters = (prefix: string, props: string[]) => {
      const target: Record<string, unknown> = {};
      for (const p of props) Object.defineProperty(target, p, { set: record(`${prefix}${p}`), get: () => undefined });
      return target;
    };
    const format = setters('', ['columnWidth', 'wrapText', 'horizontalAlignment', 'verticalAlignment', 'rowHeight']) as Record<string, unknown>;
    format.font = setters('font.', ['bold', 'italic', 'size', 'color', 'name']);
    format.fill = setters('fill.', ['color']);
    format.borders = { getItem: (index: string) => setters(`border.${index}.`, ['style', 'color', 'weight']) };
    return format;
  }

  get conditionalFormats() {
    return {
      add: (type: string) => {
        this.charge('conditionalFormats.add', type);
        const entry = { range: areaAddress(this.area), type, rule: {} as Record<string, unknown>, format: { font: {}, fill: {} } as Record<string, Record<string, unknown>> };
        this.sheet.conditionalFormats.push(entry);
        const part = {
          rule: entry.rule,
          format: entry.format,
        };
        // `cf.custom.rule.formula = …` and `cf.cellValue.rule = {…}` both land on the entry.
        const holder = {
          get rule() {
            return entry.rule;
          },
          set rule(value: Record<string, unknown>) {
            Object.assign(entry.rule, value);
          },
          format: part.format,
        };
        return { custom: holder, cellValue: holder };
      },
    };
  }
}

class FakeWorksheet {
  isNullObject = false;
  constructor(
    private readonly book: FakeWorkbook,
    readonly sheet: FakeSheet,
    private readonly charge: Charge,
  ) {}

  get name(): string {
    return this.sheet.name;
  }

  set tabColor(color: string) {
    this.charge('tabColor', color);
    this.sheet.tabColor = color;
  }

  set visibility(value: string) {
    this.charge('visibility', value);
    this.sheet.visibility = value;
  }

  getRange(address: string): FakeRange {
    this.charge('getRange', address);
    return new FakeRange(this.book, this.sheet, address, this.charge);
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange | { isNullObject: true; load(): unknown } {
    let minR = Infinity;
    let minC = Infinity;
    let maxR = 0;
    let maxC = 0;
    for (const [k, cell] of this.sheet.cells) {
      if (cell.value === null && cell.formula === undefined) continue;
      const r = Math.floor(k / COLS);
      const c = k % COLS;
      minR = Math.min(minR, r);
      minC = Math.min(minC, c);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
    if (maxR === 0) return { isNullObject: true, load() { return this; } };
    return new FakeRange(this.book, this.sheet, areaAddress({ row: minR, column: minC, rows: maxR - minR + 1, columns: maxC - minC + 1 }), this.charge);
  }

  delete(): void {
    this.charge('delete', this.sheet.name);
    const visible = this.book.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === this.sheet) throw new Error('InvalidOperation: a workbook must keep at least one visible sheet');
    this.book.sheets.splice(this.book.sheets.indexOf(this.sheet), 1);
    for (let i = this.book.tables.length - 1; i >= 0; i--) if (this.book.tables[i]?.sheet === this.sheet.name) this.book.tables.splice(i, 1);
    this.book.notify(this.sheet.name, 'deleted');
  }

  get freezePanes() {
    const set = (rows: number, columns: number) => {
      this.charge('freezePanes', [rows, columns]);
      this.sheet.frozen = { rows, columns };
    };
    return {
      freezeRows: (n: number) => set(n, 0),
      freezeColumns: (n: number) => set(0, n),
      freezeAt: (range: string | FakeRange) => {
        const a = typeof range === 'string' ? parseArea(range) : range.area;
        set(a.row + a.rows - 1, a.column + a.columns - 1);
      },
    };
  }

  get notes() {
    return {
      add: (cell: string | FakeRange, content: string) => {
        const a = typeof cell === 'string' ? parseArea(cell) : cell.area;
        if (a.rows !== 1 || a.columns !== 1) throw new Error('InvalidCellAddress: a note belongs to one cell');
        this.charge('notes.add', [areaAddress(a), content]);
        this.sheet.notes.set(areaAddress(a), content);
        return {};
      },
    };
  }

  get pageLayout() {
    const layout = this.sheet.pageLayout;
    const charge = this.charge;
    return {
      set orientation(value: string) {
        charge('pageLayout.orientation', value);
        layout.orientation = value;
      },
      setPrintTitleRows(rows: string) {
        charge('pageLayout.setPrintTitleRows', rows);
        if (!/^\$\d+:\$\d+$/.test(rows)) throw new Error(`InvalidArgument: print title rows ${rows}`);
        layout.printTitleRows = rows;
      },
    };
  }

  get tables() {
    return {
      add: (where: string | FakeRange, hasHeaders: boolean) => {
        const range = typeof where === 'string' ? areaAddress(parseArea(where)) : areaAddress(where.area);
        this.charge('tables.add', [range, hasHeaders]);
        const overlapping = this.book.tables.find((t) => t.sheet === this.sheet.name && overlaps(parseArea(t.range), parseArea(range)));
        if (overlapping !== undefined) throw new Error(`InvalidOperation: table overlaps ${overlapping.name}`);
        const table: FakeTable = { name: `Table${this.book.tables.length + 1}`, sheet: this.sheet.name, range, style: 'TableStyleMedium2', showTotals: false };
        this.book.tables.push(table);
        const book = this.book;
        const charge = this.charge;
        return {
          set name(name: string) {
            charge('table.name', name);
            if (book.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) throw new Error(`InvalidArgument: table name ${name} is taken`);
            if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new Error(`InvalidArgument: bad table name ${name}`);
            table.name = name;
          },
          set style(style: string) {
            charge('table.style', style);
            table.style = style;
          },
          set showTotals(show: boolean) {
            charge('table.showTotals', show);
            table.showTotals = show;
          },
        };
      },
    };
  }

  get charts() {
    return {
      add: (type: string, source: FakeRange, seriesBy: string) => {
        this.charge('charts.add', [type, source.address, seriesBy]);
        const chart: FakeChart = { type, title: '', series: [{ name: '', values: source.address }] };
        this.sheet.charts.push(chart);
        const charge = this.charge;
        const seriesObject = (index: number) => ({
          set name(name: string) {
            charge('series.name', name);
            const s = chart.series[index];
            if (s) s.name = name;
          },
          setXAxisValues(range: FakeRange) {
            charge('series.setXAxisValues', range.address);
            const s = chart.series[index];
            if (s) s.categories = range.address;
          },
          setValues(range: FakeRange) {
            charge('series.setValues', range.address);
            const s = chart.series[index];
            if (s) s.values = range.address;
          },
        });
        return {
          title: {
            set text(text: string) {
              charge('chart.title', text);
              chart.title = text;
            },
          },
          series: {
            getItemAt: (index: number) => seriesObject(index),
            add: (name: string) => {
              charge('series.add', name);
              chart.series.push({ name, values: '' });
              return seriesObject(chart.series.length - 1);
            },
          },
          setPosition: (from: string, to: string) => {
            charge('chart.setPosition', [from, to]);
            chart.position = { from, to };
          },
        };
      },
    };
  }
}

function overlaps(a: Area, b: Area): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

/** The `Excel` namespace backed by `book`: `Excel.run` and the enums the adapter uses. */
export function fakeExcel(book: FakeWorkbook) {
  const run = async <T>(batch: (context: unknown) => Promise<T>): Promise<T> => {
    let bytes = 0;
    let calls = 0;
    let suspended = false;
    const charge: Charge = (what, args) => {
      bytes += JSON.stringify([what, args ?? null]).length;
      calls += 1;
    };
    const worksheet = (s: FakeSheet) => new FakeWorksheet(book, s, charge);
    const worksheets = {
      items: [] as FakeWorksheet[],
      add(name: string) {
        charge('worksheets.add', name);
        return worksheet(book.addSheet(name));
      },
      getItem(name: string) {
        const s = book.sheet(name);
        if (s === undefined) throw new Error(`ItemNotFound: no sheet named ${name}`);
        return worksheet(s);
      },
      getItemOrNullObject(name: string) {
        const s = book.sheet(name);
        return s === undefined ? { isNullObject: true } : worksheet(s);
      },
      load() {
        worksheets.items = book.sheets.map(worksheet);
        return worksheets;
      },
    };
    const names = {
      items: [] as { name: string; formula: string }[],
      add(name: string, reference: string, comment?: string) {
        charge('names.add', [name, reference, comment ?? null]);
        if (book.names.has(name.toLowerCase())) throw new Error(`ItemAlreadyExists: name ${name}`);
        book.names.set(name.toLowerCase(), { reference, comment });
        return {};
      },
      getItem(name: string) {
        if (!book.names.has(name.toLowerCase())) throw new Error(`ItemNotFound: name ${name}`);
        return {
          delete() {
            charge('names.delete', name);
            book.names.delete(name.toLowerCase());
          },
        };
      },
      load() {
        names.items = [...book.names].map(([name, n]) => ({ name, formula: n.reference }));
        return names;
      },
    };
    const context = {
      workbook: {
        worksheets,
        names,
        application: {
          suspendApiCalculationUntilNextSync() {
            charge('suspendApiCalculationUntilNextSync', null);
            suspended = true;
          },
        },
      },
      async sync() {
        if (bytes > EXCEL_WEB_LIMIT_BYTES) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes`);
        book.syncs.push({ bytes, calls, calculationSuspended: suspended });
        bytes = 0;
        calls = 0;
        suspended = false;
      },
    };
    // The real Excel.run syncs once more when the batch returns; writes left unsynced fail there.
    const result = await batch(context);
    if (calls > 0) await context.sync();
    return result;
  };

  return {
    run,
    async createWorkbook(base64?: string) {
      book.createdWorkbooks.push(base64 ?? '');
    },
    ChartType: { line: 'Line', columnClustered: 'ColumnClustered', barClustered: 'BarClustered', pie: 'Pie' },
    ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
    ConditionalFormatType: { custom: 'Custom', cellValue: 'CellValue' },
    ConditionalCellValueOperator: {
      between: 'Between',
      equalTo: 'EqualTo',
      greaterThan: 'GreaterThan',
      lessThan: 'LessThan',
      greaterThanOrEqual: 'GreaterThanOrEqual',
      lessThanOrEqual: 'LessThanOrEqual',
    },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    BorderIndex: { edgeTop: 'EdgeTop', edgeBottom: 'EdgeBottom' },
    BorderLineStyle: { continuous: 'Continuous', none: 'None' },
    PageOrientation: { portrait: 'Portrait', landscape: 'Landscape' },
  };
}

/** Installs the fake as the global `Excel` (Node tests); returns the workbook to inspect. */
export function installFakeExcel(book: FakeWorkbook = new FakeWorkbook()): FakeWorkbook {
  (globalThis as Record<string, unknown>).Excel = fakeExcel(book);
  return book;
}

/**
 * The custom functions' workbook reader (functions/contract-reader.ts) served by `book`: tables by
 * name, one-cell names, ranges, and the change events; counts its reads so tests see the caching.
 */
export function fakeWorkbookReader(book: FakeWorkbook): WorkbookReader & { reads: number } {
  const values = (sheet: string, address: string): unknown[][] | undefined => {
    const s = book.sheet(sheet);
    if (s === undefined) return undefined;
    const a = parseArea(address);
    return Array.from({ length: a.rows }, (_, r) => Array.from({ length: a.columns }, (_, c) => s.cells.get(key(a.row + r, a.column + c))?.value ?? ''));
  };
  const reader = {
    reads: 0,
    async read(request: WorkbookReadRequest): Promise<WorkbookReadResult> {
      reader.reads += 1;
      return {
        tables: request.tables.map((name) => {
          const t = book.table(name);
          return t === undefined ? undefined : values(t.sheet, t.range);
        }),
        names: request.names.map((name) => {
          const n = book.names.get(name.toLowerCase());
          if (n === undefined) return undefined;
          const ref = n.reference.replace(/^=/, '');
          const bang = ref.lastIndexOf('!');
          return values(ref.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'"), ref.slice(bang + 1).replace(/\$/g, ''))?.[0]?.[0];
        }),
        ranges: request.ranges.map((r) => values(r.sheet, r.address)),
      };
    },
    async watch(sheets: readonly string[], changed: () => void): Promise<void> {
      book.changeListeners.push((event) => {
        if (event.kind !== 'changed' || sheets.includes(event.sheet)) changed();
      });
    },
  };
  return reader;
}
