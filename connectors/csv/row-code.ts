/**
 * A compiled profile's rows, read by code written for that profile: one function that reads every
 * input of a row, one per record rule that builds the record. They do exactly what the loops in
 * table.ts do (the tests run every fixture both ways and compare), without the loops' costs on a
 * million rows: a loop calls 23 different cell readers from one call site, which V8 can neither
 * predict nor inline, and builds each record through a scratch array of slots. Here each column has
 * its own call site, the row above's value is reused without a call, and the record is one object
 * literal.
 *
 * Only the happy path is written out. A rule's builder returns `undefined` whenever the row needs
 * an issue (a required field missing or unreadable, a value outside its field's options), and
 * table.ts then builds that row the generic way, which writes the issue: the messages live in one
 * place.
 *
 * The code is put together from our own identifiers (the schema's field names, checked below) and
 * numbers; every value (readers, constants, option sets) is passed in, never written into the
 * source, so no text from a file can reach it. Where code generation is not allowed (a strict
 * Content-Security-Policy in a browser), `compileRowCode` returns undefined and the loops run.
 */
import type { CanonicalRecord } from '../../core/model';
import type { Lineage } from '../../core/model/common';
import { KEY_SLOT, LINEAGE_SLOT, type CompiledProfile, type CompiledRule } from './mapping';
import { Bad, readColumns, trimCell, type Cell } from './values';

export interface RowCode {
  /** Reads every input of the row into `values`; true when one of them could not be read (a Bad). */
  readonly read: (cells: readonly string[], values: Cell[]) => boolean;
  /**
   * Per rule (in order): its record from the row's values, or undefined when table.ts must build it.
   * Only for rows whose values all could be read (`read` gave false): it does not look for a Bad.
   */
  readonly builds: readonly ((values: readonly Cell[], rowKey: string, lineage: Lineage) => CanonicalRecord | undefined)[];
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Code for this profile's rows, or undefined where code cannot be generated. */
export function compileRowCode(compiled: CompiledProfile): RowCode | undefined {
  if (!compiled.rules.every((r) => r.shape.names.every((n) => IDENTIFIER.test(n)))) return undefined;
  try {
    return { read: readCode(compiled), builds: compiled.rules.map(buildCode) };
  } catch {
    return undefined;
  }
}

/**
 * Per input: the trimmed cell; empty → undefined; the same text as the row above → the same value
 * (no call); else the input's reader, whose value is remembered for the next row.
 */
function readCode(compiled: CompiledProfile): RowCode['read'] {
  const lines: string[] = ['let t; let bad = false;'];
  const state: string[] = [];
  compiled.inputs.forEach((input, i) => {
    if (input.column === -1) {
      lines.push(`values[${i}] = undefined;`);
      return;
    }
    state.push(`const r${i} = inputs[${i}].read;`);
    if (input.column === -2) {
      state.push(`const c${i} = inputs[${i}].columns;`);
      lines.push(`values[${i}] = readColumns(cells, c${i}, r${i});`);
      return;
    }
    state.push(`let l${i} = ''; let v${i}; let b${i} = false;`);
    lines.push(
      `t = trimCell(cells[${input.column}]);`,
      `if (t === '') values[${i}] = undefined;`,
      `else if (t === l${i}) { values[${i}] = v${i}; if (b${i}) bad = true; }`,
      `else { v${i} = values[${i}] = r${i}(t); l${i} = t; b${i} = v${i} instanceof Bad; if (b${i}) bad = true; }`,
    );
  });
  lines.push('return bad;');
  const source = `${state.join('\n')}\nreturn function readRow(cells, values) {\n${lines.join('\n')}\n};`;
  return new Function('inputs', 'Bad', 'trimCell', 'readColumns', source)(compiled.inputs, Bad, trimCell, readColumns) as RowCode['read'];
}

/** The rule's record as one literal, its fields in slot order (the shape every record of the rule has). */
function buildCode(rule: CompiledRule): RowCode['builds'][number] {
  const { names, template } = rule.shape;
  const body: string[] = ['let v;'];
  const state: string[] = [];
  const bySlot = new Map(rule.fields.map((f, i) => [f.slot, i]));
  const slotValue = (s: number) => (bySlot.has(s) ? `f${s}` : `k${s}`);
  const expressions = names.map((_, s) => {
    state.push(`const k${s} = template[${s}];`);
    if (s === KEY_SLOT) return rule.keySuffix === '' ? 'rowKey' : 'rowKey + keySuffix';
    if (s === LINEAGE_SLOT) return 'lineage';
    if (s === rule.amountSlot) return `(${slotValue(rule.statedSlot)} === 0 ? 0 : sign * ${slotValue(rule.statedSlot)})`;
    return slotValue(s);
  });
  for (const [s, f] of bySlot) {
    const field = rule.fields[f] as CompiledRule['fields'][number];
    // The first source with a value wins (as table.ts reads them).
    body.push(`let f${s} = k${s};`);
    const pick = field.sources.map((source) => `(v = values[${source}]) !== undefined`).join(' || ');
    const missing = field.info.required && template[s] === undefined ? 'return undefined;' : '';
    let take = 'v';
    if (field.convert !== undefined) {
      state.push(`const convert${s} = fields[${f}].convert;`);
      take = `convert${s}(v)`;
    }
    if (field.info.options !== undefined) {
      state.push(`const options${s} = fields[${f}].info.options;`);
      const refused = field.info.required ? 'return undefined;' : '';
      body.push(`if (${pick}) { v = ${take}; if (options${s}.has(v)) f${s} = v; else { ${refused} } } else { ${missing} }`);
    } else {
      body.push(`if (${pick}) f${s} = ${take}; else { ${missing} }`);
    }
  }
  body.push(`return { ${names.map((n, s) => `${n}: ${expressions[s] as string}`).join(', ')} };`);
  const source = `${state.join('\n')}\nreturn function buildRecord(values, rowKey, lineage) {\n${body.join('\n')}\n};`;
  return new Function('template', 'fields', 'keySuffix', 'sign', source)(template, rule.fields, rule.keySuffix, rule.rule.sign) as RowCode['builds'][number];
}
