/**
 * A WorkbookPlan is plain data describing a workbook: sheets, cells, tables, formats, charts.
 * The core builds plans; renderers (render/xlsx through exceljs, render/office through Office.js)
 * only render them and never decide a number. DESIGN.md section 5.
 *
 * Conventions every builder and renderer follows:
 * - Addresses are A1 style on the plan's own sheet (`B3`, `A5:D20`); cross-sheet references inside
 *   formulas use `'Sheet name'!B3` or structured references `TableName[Column]`.
 * - A formula is written WITHOUT the leading `=`; `expected` is the core's own result for it,
 *   cached in the file and compared with LibreOffice's recalculation by the tests.
 * - Money in cells is dollars (cents / 100, computed once at the plan boundary) with a money format.
 * - A text value is always text, never a formula. Text from imports goes through `sanitizeText`
 *   (core/plan/sanitize.ts): a value that would look like a formula is quote-prefixed with `'`,
 *   exactly as a person types it in Excel; renderers write the rest as literal text.
 *
 * Formula rules (checked against LibreOffice 7.4, our acceptance engine, and Excel's file format):
 * - Structured references that work in both: `Table[Column]` (whole data column, also inside
 *   SUMIFS/COUNTIFS/AVERAGEIFS/SUMPRODUCT/INDEX, from any sheet), `Table[[#Data],[Column]]`,
 *   `Table[[Col1]:[Col2]]`, `Table[[#Totals],[Column]]`, `Table[[#Headers],[Column]]`, and this-row
 *   references written `[@Column]` / `[@[Column name]]` / `Table[@Column]` (render/xlsx rewrites them
 *   to the file form `Table[[#This Row],[Column]]`; see core/plan/formula.ts).
 * - Do NOT use `Table[#All]` or `Table[#Data]` without a column (LibreOffice: #NAME?), nor a bare
 *   table name `Table` (LibreOffice counts the header and totals rows: ROWS(Table) differs from Excel).
 * - test/render/xlsx/structured-references.ts lists every form above with its Excel value; the
 *   LibreOffice test holds LibreOffice to them.
 * - Text criteria in SUMIFS/COUNTIFS: never the bare cell (`A7`). A criterion is parsed for operators
 *   (`=`, `<`, `>`) and wildcards (`* ? ~`), so a name like `=HYPERLINK(…)`, `<None>` or `Aetna*` would
 *   not match itself. Use `exactCriterion('A7')` (core/plan/formula.ts) for names and other imported
 *   text; `"="&A7` is enough for text the plan controls (month keys, payer classes).
 * - Bare table names and `#All`/`#Data` without a column are refused by validatePlan (see below).
 * - Functions newer than Excel 2007 (IFNA, IFS, MAXIFS, MINIFS, SWITCH, CONCAT, TEXTJOIN, …) may be
 *   written plainly: render/xlsx adds the `_xlfn.` prefix files need. Dynamic-array and lambda
 *   functions (XLOOKUP, FILTER, UNIQUE, SORT, LET, …) are refused by core/plan/validate.ts: LibreOffice
 *   7.4 cannot evaluate them. Use INDEX/MATCH and SUMIFS instead.
 * - `expected` of a date-valued formula is the Excel date serial (days since 1899-12-30), e.g.
 *   45292 for 2024-01-01; of an empty result (`""`) it is null.
 * - Comparison in tests (test/support/libreoffice.ts): money formats to the cent, integers exactly,
 *   other numbers to 1e-9 relative, text and booleans exactly.
 */

/** `YYYY-MM-DD`; rendered as a real date cell. */
export interface DateValue {
  readonly date: string;
}

export type CellValue = string | number | boolean | null | DateValue;

/** Named styles; renderers map them to fonts, fills and borders. */
export type StyleName =
  | 'title'
  | 'subtitle'
  | 'header'
  | 'label'
  | 'input'
  | 'total'
  | 'flag'
  | 'note'
  | 'good'
  | 'warn'
  | 'bad'
  | 'muted';

/** Number formats used across workbooks (Excel format codes; LibreOffice reads them too). */
export const numberFormats = {
  money: '"$"#,##0.00;[Red]-"$"#,##0.00',
  moneyWhole: '"$"#,##0;[Red]-"$"#,##0',
  accounting: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  percent: '0.0%',
  percent2: '0.00%',
  integer: '#,##0',
  decimal1: '#,##0.0',
  decimal2: '#,##0.00',
  days: '0.0" d"',
  minutes: '0" min"',
  date: 'yyyy-mm-dd',
  month: 'mmm yyyy',
  text: '@',
} as const;
export type NumberFormatName = keyof typeof numberFormats;

interface CellCommon {
  readonly style?: StyleName | undefined;
  /** A key from `numberFormats`, or a raw Excel format code. */
  readonly format?: NumberFormatName | (string & {}) | undefined;
  /** Hover note shown in Excel (used for definitions and provenance). */
  readonly note?: string | undefined;
  /**
   * A user-owned cell (a target, an input, a comment): its value belongs to the user after the first
   * build and survives every refresh. The key is stable across builds, e.g. `target:no_show_rate`.
   */
  readonly userKey?: string | undefined;
}

export interface ValueCell extends CellCommon {
  readonly value: CellValue;
}

export interface FormulaCell extends CellCommon {
  /** Native Excel formula without the leading `=`. */
  readonly formula: string;
  /** The core's result for this formula (dollars for money, fraction for ratios); null = empty/blank result. */
  readonly expected: number | string | boolean | null;
}

export type PlanCell = ValueCell | FormulaCell;

export function isFormulaCell(cell: PlanCell): cell is FormulaCell {
  return 'formula' in cell;
}

export type ColumnType = 'text' | 'number' | 'integer' | 'money' | 'percent' | 'date' | 'days' | 'minutes' | 'boolean';

export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly format?: NumberFormatName | (string & {}) | undefined;
  readonly width?: number | undefined;
  /** A calculated column: the same formula on every row (structured references allowed). */
  readonly formula?: string | undefined;
  /** For a calculated column: the core's expected value per row. */
  readonly expected?: readonly (number | string | boolean | null)[] | undefined;
  /** The column holds user-owned values (comments, owners), keyed by the table's `rowKey`. */
  readonly userOwned?: boolean | undefined;
  readonly note?: string | undefined;
  /**
   * The totals-row cell of this column when the table `showTotals`: written as
   * `SUBTOTAL(code, Table[Column])`; `expected` is the core's result, checked like any formula.
   */
  readonly total?: { readonly function: 'sum' | 'average' | 'count' | 'countNums' | 'min' | 'max'; readonly expected: number | null } | undefined;
}

/** An Excel table (ListObject): named, with a header row and structured references. */
export interface PlanTable {
  /** Excel table name: letters, digits, underscores; unique in the workbook. */
  readonly name: string;
  readonly columns: readonly TableColumn[];
  /** Row values in column order; calculated columns hold null here. */
  readonly rows: readonly (readonly CellValue[])[];
  /** Column names whose joined values identify a row across refreshes (for user-owned columns). */
  readonly rowKey?: readonly string[] | undefined;
  /** Banded rows style name understood by both renderers. */
  readonly theme?: 'TableStyleMedium2' | 'TableStyleLight9' | 'TableStyleMedium9' | undefined;
  readonly showTotals?: boolean | undefined;
}

export type ConditionalRule =
  | {
      readonly kind: 'expression';
      /** Formula relative to the range's top-left cell, e.g. `AND(ISNUMBER(F5),F5>=G5)`. */
      readonly formula: string;
      readonly style: 'good' | 'warn' | 'bad';
    }
  | {
      readonly kind: 'cellIs';
      readonly operator: 'greaterThan' | 'lessThan' | 'between' | 'equal' | 'greaterThanOrEqual' | 'lessThanOrEqual';
      readonly formulae: readonly string[];
      readonly style: 'good' | 'warn' | 'bad';
    };

export interface ConditionalFormat {
  /** A1 range on this sheet. */
  readonly range: string;
  /** Evaluated in order; the first that matches wins. */
  readonly rules: readonly ConditionalRule[];
}

export interface PlanChart {
  readonly kind: 'line' | 'column' | 'bar' | 'pie';
  readonly title: string;
  /** Top-left cell the chart is anchored at, and its size in columns × rows. */
  readonly anchor: string;
  readonly size: { readonly columns: number; readonly rows: number };
  /** Categories (x axis) as an A1 range, possibly on another sheet (`'Data'!A2:A25`). */
  readonly categories: string;
  readonly series: readonly { readonly name: string; readonly values: string }[];
}

export interface PlacedTable {
  /** Top-left cell of the header row. */
  readonly at: string;
  readonly table: PlanTable;
}

export interface PlacedCell extends ValueCell {
  readonly at: string;
}

export interface PlacedFormula extends FormulaCell {
  readonly at: string;
}

export type Placed = PlacedCell | PlacedFormula;

export interface PlanSheet {
  readonly name: string;
  readonly cells: readonly Placed[];
  readonly tables: readonly PlacedTable[];
  /** Column letter → width in characters. */
  readonly columnWidths?: Readonly<Record<string, number>> | undefined;
  /** Merged ranges, e.g. `A1:F1` for a title. */
  readonly merges?: readonly string[] | undefined;
  readonly frozen?: { readonly rows: number; readonly columns: number } | undefined;
  readonly conditionalFormats?: readonly ConditionalFormat[] | undefined;
  readonly charts?: readonly PlanChart[] | undefined;
  /** Rows repeated at the top of every printed page, e.g. `1:4`. */
  readonly printTitleRows?: string | undefined;
  readonly landscape?: boolean | undefined;
  readonly tabColor?: string | undefined;
  readonly hidden?: boolean | undefined;
}

export interface NamedRange {
  /** Excel name: letters, digits, underscores, dots; not a cell address. */
  readonly name: string;
  /** Absolute reference, e.g. `'Assumptions'!$C$5`. */
  readonly ref: string;
  readonly comment?: string | undefined;
}

export type WorkbookKind = 'kpi' | 'budget' | 'variance' | 'contracts';

export interface WorkbookPlan {
  readonly kind: WorkbookKind;
  readonly title: string;
  readonly sheets: readonly PlanSheet[];
  readonly namedRanges: readonly NamedRange[];
  /**
   * True when the plan is safe to share with owners: no custom-function calls, no patient-level
   * identifiers. Builders set it; a test scans the rendered workbook to hold them to it.
   */
  readonly shareSafe: boolean;
}
