/**
 * A pure check that a WorkbookPlan can become a valid workbook: Excel's naming rules, no two things
 * in one cell, formulas that name existing sheets, tables and columns, an `expected` for every
 * formula. A problem here is a builder's mistake (not a user's), so messages speak to developers.
 * Renderers refuse a plan with problems; builder tests assert `validatePlan(plan)` is empty.
 */
import { cellRef, parseCellRef } from './address';
import { bareNames, functionsCalled, hasUnqualifiedThisRow, sheetReferences, structuredReferences, unsupportedFunctions } from './formula';
import { isFormulaCell, type CellValue, type PlanSheet, type PlanTable, type WorkbookPlan } from './types';

export interface PlanProblem {
  /** Stable kebab-case code, e.g. `sheet-name-invalid`, `cell-overlaps-table`. */
  readonly code: string;
  readonly message: string;
  readonly sheet?: string | undefined;
  readonly ref?: string | undefined;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_TEXT = 32_767;
/** Excel's defined-name and table-name rule (we leave out `\` and `.`, which nobody needs). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAMED_RANGE = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;
/** Names Excel reads as cell references: `A1`, `XFD1048576`, `R1C1`, `R`, `C`. */
const LOOKS_LIKE_REF = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;
const SHEET_FORBIDDEN = /[[\]:*?/\\]/;

interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function parseRange(range: string): Box | undefined {
  const [a, b] = range.split(':');
  try {
    const start = parseCellRef(a ?? '');
    const end = b === undefined ? start : parseCellRef(b);
    return { top: Math.min(start.row, end.row), left: Math.min(start.column, end.column), bottom: Math.max(start.row, end.row), right: Math.max(start.column, end.column) };
  } catch {
    return undefined;
  }
}

function inBox(box: Box, row: number, column: number): boolean {
  return row >= box.top && row <= box.bottom && column >= box.left && column <= box.right;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function withinSheet(box: Box): boolean {
  return box.top >= 1 && box.left >= 1 && box.bottom <= MAX_ROWS && box.right <= MAX_COLUMNS;
}

/** The cells a placed table covers: header, data rows (at least one) and the totals row. */
export function tableBox(at: string, table: PlanTable): Box {
  const { row, column } = parseCellRef(at);
  const height = 1 + Math.max(table.rows.length, 1) + (table.showTotals === true ? 1 : 0);
  return { top: row, left: column, bottom: row + height - 1, right: column + table.columns.length - 1 };
}

function valueProblem(value: CellValue): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} is not a finite number`;
  if (typeof value === 'string' && value.length > MAX_TEXT) return `text of ${value.length} characters exceeds Excel's ${MAX_TEXT}`;
  if (typeof value === 'object' && value !== null) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.date);
    if (!m) return `date "${value.date}" is not YYYY-MM-DD`;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (date.toISOString().slice(0, 10) !== value.date) return `date "${value.date}" is not a real calendar date`;
    if (Number(m[1]) < 1900) return `date "${value.date}" is before 1900, which Excel cannot show`;
  }
  return undefined;
}

interface Catalogue {
  readonly sheets: Set<string>;
  /** Upper-cased table name → upper-cased column names. */
  readonly tables: Map<string, Set<string>>;
}

function formulaProblems(formula: string, where: { sheet: string; ref: string; table?: string | undefined }, catalogue: Catalogue, shareSafe: boolean): PlanProblem[] {
  const out: PlanProblem[] = [];
  const problem = (code: string, message: string) => out.push({ code, message, sheet: where.sheet, ref: where.ref });
  if (formula.trim() === '') problem('formula-empty', 'formula is empty');
  if (formula.startsWith('=')) problem('formula-leading-equals', `formula must be written without the leading "=": ${formula}`);
  let quotes = 0;
  let depth = 0;
  for (const ch of formula) {
    if (ch === '"') quotes += 1;
    else if (quotes % 2 === 0 && ch === '(') depth += 1;
    else if (quotes % 2 === 0 && ch === ')') depth -= 1;
    if (depth < 0) break;
  }
  if (quotes % 2 !== 0 || depth !== 0) problem('formula-unbalanced', `unbalanced quotes or parentheses: ${formula}`);
  const unsupported = new Set<string>(unsupportedFunctions);
  for (const name of functionsCalled(formula)) {
    if (unsupported.has(name)) problem('formula-function-unsupported', `${name} cannot be evaluated by LibreOffice 7.4 (the acceptance engine): use INDEX/MATCH, SUMIFS…`);
    if (shareSafe && name.startsWith('PRACTICE.')) problem('formula-custom-function', `a share-safe workbook must not call custom function ${name}`);
  }
  if (where.table === undefined && hasUnqualifiedThisRow(formula)) problem('formula-this-row-outside-table', `[@Column] outside a table must name its table: ${formula}`);
  for (const sheet of sheetReferences(formula)) {
    if (!catalogue.sheets.has(sheet.toUpperCase())) problem('formula-unknown-sheet', `formula refers to sheet "${sheet}", which the plan does not have: ${formula}`);
  }
  for (const name of bareNames(formula)) {
    if (catalogue.tables.has(name.toUpperCase())) {
      problem('formula-whole-table', `${name}: name a column (${name}[Column]); LibreOffice counts a bare table's header and totals rows, Excel does not`);
    }
  }
  for (const ref of structuredReferences(formula)) {
    const table = ref.table ?? where.table;
    if (table === undefined) continue;
    const columns = catalogue.tables.get(table.toUpperCase());
    if (columns === undefined) {
      problem('formula-unknown-table', `formula refers to table "${table}", which the plan does not have: ${formula}`);
      continue;
    }
    for (const column of ref.columns) {
      if (!columns.has(column.toUpperCase())) problem('formula-unknown-column', `table ${table} has no column "${column}": ${formula}`);
    }
    const specials = ref.specials.map((s) => s.toUpperCase());
    if (ref.columns.length === 0 && (specials.length === 0 || specials.some((s) => s === '#ALL' || s === '#DATA'))) {
      problem('formula-whole-table', `${ref.text}: name a column (Table[Column] or Table[[#Data],[Column]]); LibreOffice cannot evaluate a whole-table reference like Excel`);
    }
  }
  return out;
}

function tableProblems(sheet: PlanSheet, at: string, table: PlanTable): PlanProblem[] {
  const out: PlanProblem[] = [];
  const problem = (code: string, message: string, ref: string = at) => out.push({ code, message, sheet: sheet.name, ref });
  if (!NAME.test(table.name) || LOOKS_LIKE_REF.test(table.name) || table.name.length > 255) {
    problem('table-name-invalid', `table name "${table.name}" must be letters, digits and underscores, start with a letter or underscore, and not look like a cell reference`);
  }
  if (table.columns.length === 0) problem('table-no-columns', `table ${table.name} has no columns`);
  const seen = new Set<string>();
  table.columns.forEach((column) => {
    if (column.name.trim() !== column.name || column.name === '' || column.name.length > 255 || /[[\]#'\n\r\t]/.test(column.name)) {
      problem('table-column-name-invalid', `table ${table.name}: column name "${column.name}" must be non-empty, without surrounding spaces, and free of [ ] # ' tabs and line breaks`);
    }
    const key = column.name.toUpperCase();
    if (seen.has(key)) problem('table-column-duplicate', `table ${table.name}: column "${column.name}" appears twice`);
    seen.add(key);
    if (column.formula !== undefined) {
      if (column.expected === undefined || column.expected.length !== table.rows.length) {
        problem('table-expected-missing', `table ${table.name}: calculated column "${column.name}" needs one expected value per row (${table.rows.length})`);
      }
    } else if (column.expected !== undefined) {
      problem('table-expected-without-formula', `table ${table.name}: column "${column.name}" has expected values but no formula`);
    }
    if (column.total !== undefined && table.showTotals !== true) problem('table-total-hidden', `table ${table.name}: column "${column.name}" has a total but the table does not show totals`);
    if (column.total !== undefined && column === table.columns[0]) problem('table-total-first-column', `table ${table.name}: the first column holds the totals row's "Total" label and cannot have a total`);
  });
  table.rows.forEach((row, r) => {
    const ref = cellRef(parseCellRef(at).row + 1 + r, parseCellRef(at).column);
    if (row.length !== table.columns.length) problem('table-row-width', `table ${table.name}: row ${r + 1} has ${row.length} values for ${table.columns.length} columns`, ref);
    row.forEach((value, c) => {
      const column = table.columns[c];
      if (column?.formula !== undefined && value !== null) problem('table-value-in-calculated-column', `table ${table.name}: row ${r + 1} holds a value in calculated column "${column.name}"`, ref);
      const bad = valueProblem(value);
      if (bad !== undefined) problem('value-invalid', `table ${table.name} row ${r + 1}: ${bad}`, ref);
    });
  });
  const hasUserColumns = table.columns.some((c) => c.userOwned === true);
  if (hasUserColumns && (table.rowKey === undefined || table.rowKey.length === 0)) {
    problem('table-row-key-missing', `table ${table.name} has user-owned columns but no rowKey to carry them across refreshes`);
  }
  for (const key of table.rowKey ?? []) {
    if (!seen.has(key.toUpperCase())) problem('table-row-key-unknown', `table ${table.name}: rowKey column "${key}" does not exist`);
  }
  return out;
}

/** Every problem that would make the plan render into a broken or misleading workbook. */
export function validatePlan(plan: WorkbookPlan): PlanProblem[] {
  const out: PlanProblem[] = [];
  const catalogue: Catalogue = { sheets: new Set(), tables: new Map() };

  for (const sheet of plan.sheets) {
    const name = sheet.name;
    if (name.trim() === '' || name.length > 31 || SHEET_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'") || name.toUpperCase() === 'HISTORY') {
      out.push({ code: 'sheet-name-invalid', message: `sheet name "${name}" must be 1–31 characters, without [ ] : * ? / \\, not start or end with ', and not be "History"`, sheet: name });
    }
    if (catalogue.sheets.has(name.toUpperCase())) out.push({ code: 'sheet-name-duplicate', message: `sheet name "${name}" is used twice (names are case-insensitive)`, sheet: name });
    catalogue.sheets.add(name.toUpperCase());
    for (const { table } of sheet.tables) {
      if (catalogue.tables.has(table.name.toUpperCase())) out.push({ code: 'table-name-duplicate', message: `table name "${table.name}" is used twice in the workbook`, sheet: name });
      catalogue.tables.set(table.name.toUpperCase(), new Set(table.columns.map((c) => c.name.toUpperCase())));
    }
  }

  if (plan.sheets.length === 0 || plan.sheets.every((sheet) => sheet.hidden === true)) {
    out.push({ code: 'no-visible-sheet', message: 'a workbook needs at least one visible sheet' });
  }

  const userKeys = new Set<string>();
  for (const sheet of plan.sheets) {
    const problem = (code: string, message: string, ref?: string) => out.push({ code, message, sheet: sheet.name, ref });
    const boxes: { box: Box; table: string }[] = [];
    for (const placed of sheet.tables) {
      let box: Box;
      try {
        box = tableBox(placed.at, placed.table);
      } catch {
        problem('address-invalid', `table ${placed.table.name} is placed at "${placed.at}", which is not a cell`, placed.at);
        continue;
      }
      if (!withinSheet(box)) problem('table-outside-sheet', `table ${placed.table.name} does not fit in a worksheet`, placed.at);
      for (const other of boxes) if (overlaps(box, other.box)) problem('table-overlap', `table ${placed.table.name} overlaps table ${other.table}`, placed.at);
      boxes.push({ box, table: placed.table.name });
      out.push(...tableProblems(sheet, placed.at, placed.table));
      for (const column of placed.table.columns) {
        if (column.formula !== undefined) out.push(...formulaProblems(column.formula, { sheet: sheet.name, ref: placed.at, table: placed.table.name }, catalogue, plan.shareSafe));
      }
    }

    const taken = new Set<string>();
    for (const cell of sheet.cells) {
      let position: { row: number; column: number };
      try {
        position = parseCellRef(cell.at);
      } catch {
        problem('address-invalid', `"${cell.at}" is not a cell address`, cell.at);
        continue;
      }
      if (position.row > MAX_ROWS || position.column > MAX_COLUMNS) problem('address-invalid', `${cell.at} is outside the worksheet`, cell.at);
      const ref = cellRef(position.row, position.column);
      if (taken.has(ref)) problem('cell-duplicate', `two plan cells are placed at ${ref}`, ref);
      taken.add(ref);
      const table = boxes.find((b) => inBox(b.box, position.row, position.column));
      if (table !== undefined) problem('cell-overlaps-table', `cell ${ref} lies inside table ${table.table}`, ref);
      if (cell.userKey !== undefined) {
        if (userKeys.has(cell.userKey)) problem('user-key-duplicate', `userKey "${cell.userKey}" is used twice`, ref);
        userKeys.add(cell.userKey);
      }
      if (isFormulaCell(cell)) {
        const expected = (cell as { expected?: unknown }).expected;
        if (expected === undefined) problem('formula-expected-missing', `formula at ${ref} has no expected value`, ref);
        else if (typeof expected === 'number' && !Number.isFinite(expected)) problem('formula-expected-invalid', `formula at ${ref} expects ${expected}`, ref);
        out.push(...formulaProblems(cell.formula, { sheet: sheet.name, ref }, catalogue, plan.shareSafe));
      } else {
        const bad = valueProblem(cell.value);
        if (bad !== undefined) problem('value-invalid', `${ref}: ${bad}`, ref);
      }
    }

    for (const range of sheet.merges ?? []) {
      const box = parseRange(range);
      if (box === undefined || !withinSheet(box)) problem('merge-invalid', `merge "${range}" is not a range`, range);
      else if (boxes.some((b) => overlaps(b.box, box))) problem('merge-overlaps-table', `merge ${range} overlaps a table`, range);
    }
    for (const format of sheet.conditionalFormats ?? []) {
      if (parseRange(format.range) === undefined) problem('conditional-format-range-invalid', `conditional format range "${format.range}" is not a range`, format.range);
      for (const rule of format.rules) {
        for (const formula of rule.kind === 'expression' ? [rule.formula] : rule.formulae) {
          out.push(...formulaProblems(formula, { sheet: sheet.name, ref: format.range }, catalogue, plan.shareSafe));
        }
      }
    }
    for (const chart of sheet.charts ?? []) {
      if (parseRange(chart.anchor) === undefined) problem('chart-anchor-invalid', `chart "${chart.title}" anchor "${chart.anchor}" is not a cell`, chart.anchor);
    }
    if (sheet.frozen !== undefined && (!Number.isInteger(sheet.frozen.rows) || !Number.isInteger(sheet.frozen.columns) || sheet.frozen.rows < 0 || sheet.frozen.columns < 0)) {
      problem('frozen-invalid', `frozen panes need whole, non-negative row and column counts`);
    }
    if (sheet.printTitleRows !== undefined && !/^\d+:\d+$/.test(sheet.printTitleRows)) problem('print-titles-invalid', `print title rows "${sheet.printTitleRows}" must look like 1:4`);
  }

  const names = new Set<string>();
  for (const named of plan.namedRanges) {
    const problem = (code: string, message: string) => out.push({ code, message, ref: named.ref });
    if (!NAMED_RANGE.test(named.name) || LOOKS_LIKE_REF.test(named.name) || named.name.length > 255) {
      problem('name-invalid', `name "${named.name}" must be letters, digits, _ and ., start with a letter or _, and not look like a cell reference`);
    }
    if (names.has(named.name.toUpperCase())) problem('name-duplicate', `name "${named.name}" is defined twice`);
    if (catalogue.tables.has(named.name.toUpperCase())) problem('name-clashes-with-table', `name "${named.name}" is also a table name`);
    names.add(named.name.toUpperCase());
    const m = /^(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!(\$[A-Z]{1,3}\$\d+(?::\$[A-Z]{1,3}\$\d+)?)$/.exec(named.ref);
    if (!m) {
      problem('name-ref-invalid', `name ${named.name}: "${named.ref}" must be an absolute reference like 'Sheet'!$B$3 or Sheet!$A$2:$A$9`);
      continue;
    }
    const sheet = (m[1] ?? m[2] ?? '').replace(/''/g, "'");
    if (!catalogue.sheets.has(sheet.toUpperCase())) problem('name-ref-unknown-sheet', `name ${named.name} refers to sheet "${sheet}", which the plan does not have`);
  }
  return out;
}

/** Throws (a builder's mistake) when the plan has problems; renderers call this before writing. */
export function assertValidPlan(plan: WorkbookPlan): void {
  const problems = validatePlan(plan);
  if (problems.length === 0) return;
  const lines = problems.slice(0, 20).map((p) => `${p.sheet === undefined ? '' : `${p.sheet}!`}${p.ref ?? ''} ${p.code}: ${p.message}`);
  if (problems.length > 20) lines.push(`… and ${problems.length - 20} more`);
  throw new Error(`the workbook plan "${plan.title}" is not valid:\n${lines.join('\n')}`);
}
