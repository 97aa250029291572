/**
 * A compiled profile's rows, turned into records by one function written for that profile. It does
 * exactly what the loops in table.ts do (the tests run every fixture both ways and compare),
 * without the loops' costs on a million rows: a loop calls 23 different cell readers from one call
 * site, which V8 can neither predict nor inline, passes every value through an array, and builds
 * each record through a scratch array of slots. Here each column has its own call site and its own
 * local, the row above's value is reused without a call, and each record is one object literal.
 *
 * Only the plain case is written out. Whenever a row needs an issue (a value that cannot be read, a
 * required field missing, a value outside its field's options, no rule that makes a record), the
 * function returns -1 before adding anything, and table.ts reads that row again with the loops,
 * which write the issue: the messages live in one place.
 *
 * The code is put together from our own identifiers (the schema's field names, checked below) and
 * numbers; every value (readers, constants, option sets) is passed in, never written into the
 * source, so no text from a file can reach it. Where code generation is not allowed (a strict
 * Content-Security-Policy in a browser), `compileRowCode` returns undefined and the loops run.
 */
import type { CanonicalRecord } from '../../core/model';
import type { Lineage } from '../../core/model/common';
import { KEY_SLOT, LINEAGE_SLOT, type CompiledProfile, type CompiledRule } from './mapping';
import { Bad, readColumns, trimCell } from './values';

/**
 * Turns one row into its records, or says the row is not the plain case: -1 when a value could not
 * be read, a required field is missing or unreadable, a value is outside its field's options, or no
 * rule makes a record (table.ts then reads the row with the loops, which write the issue). Otherwise
 * it appends the row's records to `out`, in rule order, and returns how many.
 */
export type RowCode = (cells: readonly string[], rowKey: string, lineage: Lineage, out: CanonicalRecord[]) => number;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Code for this profile's rows, or undefined where code cannot be generated. */
export function compileRowCode(compiled: CompiledProfile): RowCode | undefined {
  if (!compiled.rules.every((r) => r.shape.names.every((n) => IDENTIFIER.test(n)))) return undefined;
  const state: string[] = [];
  const body: string[] = ['let t; let bad = false; let v;'];
  readCode(compiled, state, body);
  body.push('if (bad) return -1;', 'let n = 0;');
  compiled.rules.forEach((rule, r) => ruleCode(rule, r, state, body));
  body.push('if (n === 0) return -1;');
  compiled.rules.forEach((_, r) => body.push(`if (rec${r} !== undefined) out.push(rec${r});`));
  body.push('return n;');
  const source = `${state.join('\n')}\nreturn function row(cells, rowKey, lineage, out) {\n${body.join('\n')}\n};`;
  try {
    return new Function('inputs', 'rules', 'Bad', 'trimCell', 'readColumns', source)(compiled.inputs, compiled.rules, Bad, trimCell, readColumns) as RowCode;
  } catch {
    return undefined;
  }
}

/**
 * Per input, into the local `x<i>`: the trimmed cell; empty → undefined; the same text as the row
 * above → the same value (no call); else the input's reader, whose value is remembered for the next row.
 */
function readCode(compiled: CompiledProfile, state: string[], body: string[]): void {
  compiled.inputs.forEach((input, i) => {
    if (input.column === -1) {
      body.push(`const x${i} = undefined;`);
      return;
    }
    state.push(`const r${i} = inputs[${i}].read;`);
    if (input.column === -2) {
      // A list over several columns: never a Bad (unreadable parts are left out, as the loops do).
      state.push(`const c${i} = inputs[${i}].columns;`);
      body.push(`const x${i} = readColumns(cells, c${i}, r${i});`);
      return;
    }
    state.push(`let l${i} = ''; let v${i}; let b${i} = false;`);
    body.push(
      `let x${i};`,
      `t = trimCell(cells[${input.column}]);`,
      `if (t === '') x${i} = undefined;`,
      `else if (t === l${i}) { x${i} = v${i}; if (b${i}) bad = true; }`,
      `else { v${i} = x${i} = r${i}(t); l${i} = t; b${i} = v${i} instanceof Bad; if (b${i}) bad = true; }`,
    );
  });
}

/** Whether the rule fires (as table.ts's `fires`, for a row without a Bad), then its record as one literal in slot order, into `rec<r>`. */
function ruleCode(rule: CompiledRule, r: number, state: string[], body: string[]): void {
  const p = `q${r}_`;
  body.push(`let rec${r};`);
  const when = rule.when;
  let fires = 'true';
  if (when !== undefined) {
    if (when.in !== undefined) {
      state.push(`const ${p}in = rules[${r}].when.in;`, `const ${p}col = inputs[${when.input}].columns[0];`);
      fires = `${p}in.has(${p}col === undefined ? '' : trimCell(cells[${p}col]).toLowerCase())`;
    } else if (when.nonZero) fires = `(typeof x${when.input} === 'number' && x${when.input} !== 0)`;
    else if (when.nonEmpty) fires = `x${when.input} !== undefined`;
  }
  body.push(`if (${fires}) {`);
  const { names, template } = rule.shape;
  const bySlot = new Map(rule.fields.map((f, i) => [f.slot, i]));
  const slotValue = (s: number) => (bySlot.has(s) ? `${p}f${s}` : `${p}k${s}`);
  const expressions = names.map((_, s) => {
    state.push(`const ${p}k${s} = rules[${r}].shape.template[${s}];`);
    if (s === KEY_SLOT) {
      if (rule.keySuffix === '') return 'rowKey';
      state.push(`const ${p}suffix = rules[${r}].keySuffix;`);
      return `rowKey + ${p}suffix`;
    }
    if (s === LINEAGE_SLOT) return 'lineage';
    if (s === rule.amountSlot) {
      state.push(`const ${p}sign = rules[${r}].rule.sign;`);
      return `(${slotValue(rule.statedSlot)} === 0 ? 0 : ${p}sign * ${slotValue(rule.statedSlot)})`;
    }
    return slotValue(s);
  });
  for (const [s, f] of bySlot) {
    const field = rule.fields[f] as CompiledRule['fields'][number];
    // The first source with a value wins (as table.ts reads them).
    body.push(`let ${p}f${s} = ${p}k${s};`);
    const pick = field.sources.map((source) => `(v = x${source}) !== undefined`).join(' || ');
    const missing = field.info.required && template[s] === undefined ? 'return -1;' : '';
    let take = 'v';
    if (field.convert !== undefined) {
      state.push(`const ${p}convert${s} = rules[${r}].fields[${f}].convert;`);
      take = `${p}convert${s}(v)`;
    }
    if (field.info.options !== undefined) {
      state.push(`const ${p}options${s} = rules[${r}].fields[${f}].info.options;`);
      const refused = field.info.required ? 'return -1;' : '';
      body.push(`if (${pick}) { v = ${take}; if (${p}options${s}.has(v)) ${p}f${s} = v; else { ${refused} } } else { ${missing} }`);
    } else {
      body.push(`if (${pick}) ${p}f${s} = ${take}; else { ${missing} }`);
    }
  }
  body.push(`rec${r} = { ${names.map((n, s) => `${n}: ${expressions[s] as string}`).join(', ')} };`, 'n++;', '}');
}
