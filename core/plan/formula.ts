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
