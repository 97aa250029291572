/**
 * Formula text as it is stored in an .xlsx file. Plan builders may write the short forms a person
 * types in Excel; the file format (and LibreOffice, which reads the file) needs the long forms:
 * - `[@Col]` / `Table[@Col]` / `[@[Col name]]` → `Table[[#This Row],[Col]]` (the `@` form exists only
 *   in Excel's UI; files hold `#This Row`);
 * - functions added after Excel 2007 carry the `_xlfn.` prefix in files (`IFNA(` → `_xlfn.IFNA(`),
 *   otherwise Excel shows #NAME? until the cell is re-entered.
 * String literals ("…") and quoted sheet names ('…') are never rewritten.
 */

/** Functions newer than Excel 2007 that LibreOffice 7.4 also evaluates: written with `_xlfn.`. */
export const prefixedFunctions = [
  'IFNA',
  'IFS',
  'MAXIFS',
  'MINIFS',
  'SWITCH',
  'CONCAT',
  'TEXTJOIN',
  'DAYS',
  'ISOWEEKNUM',
  'STDEV.S',
  'STDEV.P',
  'VAR.S',
  'VAR.P',
  'PERCENTILE.INC',
  'PERCENTILE.EXC',
  'QUARTILE.INC',
  'QUARTILE.EXC',
  'CEILING.MATH',
  'FLOOR.MATH',
  'AGGREGATE',
] as const;

/**
 * Functions a plan must not use: dynamic-array and lambda functions that LibreOffice 7.4 (our
 * acceptance engine) cannot evaluate and that need spill metadata exceljs cannot write.
 */
export const unsupportedFunctions = [
  'XLOOKUP',
  'XMATCH',
  'FILTER',
  'SORT',
  'SORTBY',
  'UNIQUE',
  'SEQUENCE',
  'RANDARRAY',
  'LET',
  'LAMBDA',
  'MAP',
  'REDUCE',
  'SCAN',
  'BYROW',
  'BYCOL',
  'MAKEARRAY',
  'VSTACK',
  'HSTACK',
  'TAKE',
  'DROP',
  'CHOOSECOLS',
  'CHOOSEROWS',
  'TEXTSPLIT',
  'TEXTBEFORE',
  'TEXTAFTER',
  'TOCOL',
  'TOROW',
  'WRAPROWS',
  'WRAPCOLS',
  'EXPAND',
] as const;

/** Splits formula text into code and literal parts ("strings" and 'quoted sheet names'). */
function segments(formula: string): { text: string; literal: boolean }[] {
  const out: { text: string; literal: boolean }[] = [];
  let i = 0;
  let code = '';
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      if (code !== '') out.push({ text: code, literal: false });
      code = '';
      out.push({ text: formula.slice(i, j + 1), literal: true });
      i = j + 1;
    } else {
      code += ch;
      i += 1;
    }
  }
  if (code !== '') out.push({ text: code, literal: false });
  return out;
}

const NAME_CHAR = 'A-Za-z0-9_.\\\\';
const THIS_ROW = new RegExp(`(?<![${NAME_CHAR}\\]])([A-Za-z_\\\\][${NAME_CHAR}]*)?\\[@(?:\\[([^\\[\\]]+)\\]|([^\\[\\]]+))\\]`, 'g');
const FUNCTION_CALL = new RegExp(`(?<![${NAME_CHAR}])([A-Za-z_][A-Za-z0-9_.]*)\\s*\\(`, 'g');

/** Names of the functions a formula calls (upper case, without any `_xlfn.` prefix). */
export function functionsCalled(formula: string): string[] {
  const names: string[] = [];
  for (const part of segments(formula)) {
    if (part.literal) continue;
    for (const m of part.text.matchAll(FUNCTION_CALL)) names.push((m[1] ?? '').toUpperCase().replace(/^_XLFN\.(_XLWS\.)?/, ''));
  }
  return names;
}

/** True when the formula uses the `[@Col]` this-row shorthand without naming its table. */
export function hasUnqualifiedThisRow(formula: string): boolean {
  return segments(formula).some((part) => !part.literal && [...part.text.matchAll(THIS_ROW)].some((m) => m[1] === undefined));
}

/**
 * The formula as an .xlsx file stores it. `tableName` is the table the formula sits in (needed for
 * an unqualified `[@Col]`); without it such a reference is a programmer mistake and throws.
 */
export function fileFormula(formula: string, tableName?: string): string {
  const prefixed = new Set<string>(prefixedFunctions);
  return segments(formula)
    .map((part) => {
      if (part.literal) return part.text;
      return part.text
        .replace(THIS_ROW, (_all, table: string | undefined, bracketed: string | undefined, plain: string | undefined) => {
          const owner = table ?? tableName;
          if (owner === undefined) throw new Error(`[@${bracketed ?? plain}] outside a table needs its table name: ${formula}`);
          return `${owner}[[#This Row],[${(bracketed ?? plain ?? '').trim()}]]`;
        })
        .replace(FUNCTION_CALL, (all, name: string) => (prefixed.has(name.toUpperCase()) ? `_xlfn.${name.toUpperCase()}(` : all));
    })
    .join('');
}

/** One structured reference in a formula: `Table[Column]`, `[@Column]`, `Table[[#Totals],[A]:[B]]`. */
export interface StructuredReference {
  /** The table named before the bracket; undefined for `[@Column]` inside a table. */
  readonly table: string | undefined;
  /** Column names referred to (without `@`). */
  readonly columns: readonly string[];
  /** Special items such as `#This Row`, `#Totals`, `#All` (with `#`). */
  readonly specials: readonly string[];
  /** True for the this-row shorthand `[@…]`. */
  readonly thisRow: boolean;
  /** The reference as written. */
  readonly text: string;
}

/** The structured references of a formula (string literals and quoted sheet names skipped). */
export function structuredReferences(formula: string): StructuredReference[] {
  const out: StructuredReference[] = [];
  for (const part of segments(formula)) {
    if (part.literal) continue;
    const text = part.text;
    let i = 0;
    while (i < text.length) {
      if (text[i] !== '[') {
        i += 1;
        continue;
      }
      const nameMatch = /([A-Za-z_\\][A-Za-z0-9_.]*)$/.exec(text.slice(0, i));
      let depth = 0;
      let j = i;
      for (; j < text.length; j += 1) {
        if (text[j] === '[') depth += 1;
        else if (text[j] === ']') {
          depth -= 1;
          if (depth === 0) break;
        }
      }
      const inner = text.slice(i + 1, j);
      const items = inner.startsWith('[') ? [...inner.matchAll(/\[([^\[\]]*)\]/g)].map((m) => m[1] ?? '') : [inner];
      const columns: string[] = [];
      const specials: string[] = [];
      let thisRow = false;
      for (const raw of items) {
        let item = raw.trim();
        if (item.startsWith('@')) {
          thisRow = true;
          item = item.slice(1).replace(/^\[(.*)\]$/, '$1').trim();
          if (item === '') continue;
        }
        if (item.startsWith('#')) specials.push(item);
        else if (item !== '') columns.push(item);
      }
      if (!thisRow && inner.startsWith('@')) thisRow = true;
      const table = nameMatch?.[1];
      out.push({ table, columns, specials, thisRow, text: `${table ?? ''}${text.slice(i, j + 1)}` });
      i = j + 1;
    }
  }
  return out;
}

/** Sheet names a formula refers to (`Sheet!A1`, `'Sheet name'!A1`), unquoted. */
export function sheetReferences(formula: string): string[] {
  const parts = segments(formula);
  const out: string[] = [];
  parts.forEach((part, index) => {
    if (part.literal) {
      const next = parts[index + 1];
      if (part.text.startsWith("'") && next !== undefined && !next.literal && next.text.startsWith('!')) {
        out.push(part.text.slice(1, -1).replace(/''/g, "'"));
      }
      return;
    }
    for (const m of part.text.matchAll(/(?<![A-Za-z0-9_.\\\]])([A-Za-z_][A-Za-z0-9_.]*)!/g)) out.push(m[1] ?? '');
  });
  return out;
}

/**
 * Bare names a formula uses (not function calls, not sheet prefixes, not table names before `[`):
 * defined names, `TRUE`/`FALSE`, and — a mistake the validator reports — a table name used alone.
 */
export function bareNames(formula: string): string[] {
  const out: string[] = [];
  for (const part of segments(formula)) {
    if (part.literal) continue;
    // Drop bracketed structured-reference bodies so column names inside them are not read as names.
    let text = '';
    let depth = 0;
    for (const ch of part.text) {
      if (ch === '[') depth += 1;
      if (depth === 0) text += ch;
      else if (ch === ']') {
        depth -= 1;
        if (depth === 0) text += '[]';
      }
    }
    for (const m of text.matchAll(/(?<![A-Za-z0-9_.\\$])([A-Za-z_\\][A-Za-z0-9_.]*)(?![A-Za-z0-9_.([!$])/g)) {
      const name = m[1] ?? '';
      if (/^[A-Za-z]{1,3}\d+$/.test(name)) continue; // a cell reference like B7
      out.push(name);
    }
  }
  return out;
}

/**
 * A SUMIFS/COUNTIFS criterion that matches the text in `ref` exactly (case-insensitively, as
 * spreadsheets compare): `"="&` stops a leading `=`, `<` or `>` in the text being read as an
 * operator, and `~` escapes the wildcards `*` and `?` (and `~` itself) a name may contain.
 * Example: `SUMIFS(Facts[Paid],Facts[Payer],${exactCriterion('A7')})`.
 */
export function exactCriterion(ref: string): string {
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
}

/**
 * The same exact-match criterion for text known when the plan is built (a provider key, a payer
 * name): a string literal with `=` in front and the wildcards escaped, e.g. `"=Aetna ~*Plus"`.
 */
export function exactCriterionLiteral(text: string): string {
  const escaped = text.replace(/~/g, '~~').replace(/\*/g, '~*').replace(/\?/g, '~?');
  return `"=${escaped.replace(/"/g, '""')}"`;
}
