/**
 * Compiling a profile against one file's headers: which column feeds which input, how each cell is
 * read, which fields each record takes from which input. Done once per file; rows then only index
 * arrays and call prepared readers.
 */
import type { MappingReport } from '../../core/source';
import { normaliseHeader } from '../profiles/headers';
import type { InputColumn, MappingProfile, RecordRule, ValueKind } from '../profiles/schema';
import { DERIVED_FIELDS, fieldsOf, isTransactionType, type FieldCategory, type FieldInfo } from './fields';
import { readerFor, type CellReader } from './values';

export interface CompiledInput {
  readonly name: string;
  readonly spec: InputColumn;
  /** Column indexes, in file order (several for a list such as Mod 1 … Mod 4). */
  readonly columns: readonly number[];
  /** The headers as found. */
  readonly headers: readonly string[];
  /** The one column read (-1: none in this file; -2: several, a list). */
  readonly column: number;
  readonly read: CellReader;
}

export interface CompiledField {
  readonly info: FieldInfo;
  /** Indexes into the compiled inputs, first non-empty wins. */
  readonly sources: readonly number[];
  /** Converts the input's value to the field's form (date-time → date, text → [text]). */
  readonly convert: ((value: unknown) => unknown) | undefined;
  /** Where the field sits in its record's slots (RecordShape.names). */
  readonly slot: number;
}

export interface CompiledRule {
  readonly rule: RecordRule;
  readonly when:
    | { readonly input: number; readonly in?: ReadonlySet<string>; readonly nonZero: boolean; readonly nonEmpty: boolean }
    | undefined;
  readonly fields: readonly CompiledField[];
  /** Constants and schema defaults, applied before the inputs. */
  readonly constants: readonly (readonly [string, unknown])[];
  /** Fields whose schema default is an array (a fresh one per record). */
  readonly arrayDefaults: readonly string[];
  /** Where the amount comes from, for transactions (canonical = sign × stated). */
  readonly transaction: boolean;
  /** The record's fields in a fixed order, their values before a row is read, and the record maker. */
  readonly shape: RecordShape;
  /** The key's suffix, with its colon ('' without one). */
  readonly keySuffix: string;
  /** Slots of the stated and the canonical amount of a transaction (-1 for other records). */
  readonly statedSlot: number;
  readonly amountSlot: number;
  /** Scratch slots the row being read fills (one array per rule, reused row after row). */
  readonly slots: unknown[];
}

/** Slots every record has first. */
export const TYPE_SLOT = 0;
export const KEY_SLOT = 1;
export const LINEAGE_SLOT = 2;

export interface RecordShape {
  /** Field names in slot order: type, key, lineage, then the record type's fields. */
  readonly names: readonly string[];
  /** Each slot's value before a row's inputs are read: the type, constants and schema defaults. */
  readonly template: readonly unknown[];
  /** A new record from filled slots: every field present, always in the same order. */
  readonly make: (slots: readonly unknown[]) => Record<string, unknown>;
}

export interface CompiledProfile {
  readonly profile: MappingProfile;
  readonly inputs: readonly CompiledInput[];
  readonly rules: readonly CompiledRule[];
  readonly keyInputs: readonly number[];
  readonly headers: readonly string[];
  readonly report: MappingReport;
}

/** Which input kinds can feed which field categories. */
const COMPATIBLE: Record<FieldCategory, readonly ValueKind[]> = {
  string: ['text', 'patient', 'payer-class', 'npi'],
  enum: ['text', 'payer-class'],
  date: ['date', 'datetime'],
  datetime: ['date', 'datetime'],
  cents: ['money'],
  number: ['number', 'year'],
  integer: ['year', 'number'],
  boolean: ['boolean'],
  list: ['list', 'text'],
};

/** Default inputs of a field when the rule does not say (the amount's usual names). */
function defaultSources(field: string, transaction: boolean): readonly string[] {
  if (field === 'chargeCents') return ['chargeCents', 'amount'];
  if (transaction && field === 'statedAmountCents') return ['statedAmountCents', 'amount'];
  return [field];
}

/** Readers give dates as YYYY-MM-DD and date-times as YYYY-MM-DDTHH:MM:SS; a field of the other kind converts. */
function converterFor(category: FieldCategory, kind: ValueKind): ((value: unknown) => unknown) | undefined {
  if (category === 'date' && kind === 'datetime') return (v) => (v as string).slice(0, 10);
  if (category === 'datetime' && kind === 'date') return (v) => `${v as string}T00:00:00`;
  if (category === 'list' && kind === 'text') return (v) => [v];
  return undefined;
}

/** Matches the profile's inputs to the headers: every synonym compared normalised; a header feeds one input. */
export function matchHeaders(profile: MappingProfile, headers: readonly string[]): Map<string, number[]> {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const matched = new Map<string, number[]>();
  for (const [name, input] of Object.entries(profile.inputs)) {
    const columns: number[] = [];
    for (const synonym of input.headers) {
      const n = normaliseHeader(synonym);
      // A payer-class input may read a column another input also reads (a financial-class name).
      const shared = input.kind === 'payer-class' || input.shared === true;
      for (let i = 0; i < normalised.length; i++) {
        if (normalised[i] !== n || (taken.has(i) && !shared) || n === '') continue;
        columns.push(i);
        if (!shared) taken.add(i);
        if (input.kind !== 'list') break;
      }
      if (columns.length > 0 && input.kind !== 'list') break;
    }
    columns.sort((a, b) => a - b);
    if (columns.length > 0) matched.set(name, columns);
  }
  return matched;
}

/** How well a profile fits a header row: undefined when it does not fit at all. */
export function fitScore(profile: MappingProfile, headers: readonly string[], fileName: string): number | undefined {
  const normalised = new Set(headers.map(normaliseHeader));
  for (const h of profile.recognise.headers) if (!normalised.has(normaliseHeader(h))) return undefined;
  const matched = matchHeaders(profile, headers);
  for (const [name, input] of Object.entries(profile.inputs)) if (input.required && !matched.has(name)) return undefined;
  if (matched.size === 0) return undefined;
  const named = profile.recognise.fileNames.some((p) => new RegExp(p, 'i').test(fileName));
  return profile.recognise.headers.length * 10 + matched.size + (named ? 5 : 0);
}

export type CompileResult = { readonly ok: true; readonly compiled: CompiledProfile } | { readonly ok: false; readonly error: string };

/** Prepares a profile for one file's headers. Errors are mistakes in the profile itself. */
export function compileProfile(profile: MappingProfile, headers: readonly string[]): CompileResult {
  const matched = matchHeaders(profile, headers);
  const names = Object.keys(profile.inputs);
  const inputIndex = new Map(names.map((n, i) => [n, i]));
  const inputs: CompiledInput[] = names.map((name) => {
    const spec = profile.inputs[name] as InputColumn;
    const columns = matched.get(name) ?? [];
    const column = columns.length === 1 ? (columns[0] as number) : columns.length === 0 ? -1 : -2;
    return { name, spec, columns, headers: columns.map((c) => headers[c] ?? ''), column, read: readerFor(spec, profile.locale) };
  });

  const rules: CompiledRule[] = [];
  for (const rule of profile.records) {
    const transaction = isTransactionType(rule.type);
    const fields: CompiledField[] = [];
    const constants: [string, unknown][] = [];
    const arrayDefaults: string[] = [];
    const schemaFields = fieldsOf(rule.type);
    const slotNames = ['type', 'key', 'lineage', ...schemaFields.keys()];
    for (const [field, value] of Object.entries(rule.set ?? {})) {
      const info = schemaFields.get(field);
      if (info === undefined) return { ok: false, error: `records of type ${rule.type} have no field "${field}"` };
      if (info.options !== undefined && !info.options.has(String(value))) {
        return { ok: false, error: `"${String(value)}" is not a value of ${field} (${[...info.options].join(', ')})` };
      }
    }
    for (const info of schemaFields.values()) {
      if (DERIVED_FIELDS.has(info.name) && transaction) continue;
      if (Array.isArray(info.defaultValue)) arrayDefaults.push(info.name);
      else if (info.defaultValue !== undefined) constants.push([info.name, info.defaultValue]);
      const declared = rule.from?.[info.name];
      const wanted = declared === undefined ? defaultSources(info.name, transaction) : typeof declared === 'string' ? [declared] : declared;
      const sources: number[] = [];
      for (const w of wanted) {
        const i = inputIndex.get(w);
        if (i === undefined) {
          if (declared !== undefined) return { ok: false, error: `field ${info.name} is taken from "${w}", which is not an input` };
          continue;
        }
        const kind = (profile.inputs[w] as InputColumn).kind;
        if (!COMPATIBLE[info.category].includes(kind)) {
          return { ok: false, error: `input "${w}" (${kind}) cannot fill ${info.name} of a ${rule.type} (it needs ${info.category})` };
        }
        sources.push(i);
      }
      const constant = rule.set?.[info.name];
      if (constant !== undefined) {
        constants.push([info.name, constant]);
        if (sources.length === 0) continue;
      }
      if (sources.length === 0) {
        if (info.required && constant === undefined) {
          return { ok: false, error: `records of type ${rule.type} need ${info.name}, and no input or constant gives it` };
        }
        continue;
      }
      const firstKind = (profile.inputs[names[sources[0] ?? 0] ?? ''] as InputColumn).kind;
      fields.push({ info, sources, convert: converterFor(info.category, firstKind), slot: slotNames.indexOf(info.name) });
    }
    let when: CompiledRule['when'];
    if (rule.when !== undefined) {
      const i = inputIndex.get(rule.when.input);
      if (i === undefined) return { ok: false, error: `the condition of a ${rule.type} record reads "${rule.when.input}", which is not an input` };
      when = {
        input: i,
        ...(rule.when.in !== undefined ? { in: new Set(rule.when.in.map((v) => v.toLowerCase())) } : {}),
        nonZero: rule.when.nonZero === true,
        nonEmpty: rule.when.nonEmpty === true,
      };
    }
    const shape = recordShape(rule.type, slotNames, constants, arrayDefaults);
    rules.push({
      rule,
      when,
      fields,
      constants,
      arrayDefaults,
      transaction,
      shape,
      keySuffix: rule.keySuffix === undefined ? '' : `:${rule.keySuffix}`,
      statedSlot: transaction ? slotNames.indexOf('statedAmountCents') : -1,
      amountSlot: transaction ? slotNames.indexOf('amountCents') : -1,
      slots: [...shape.template],
    });
  }

  const keyInputs: number[] = [];
  for (const k of profile.key) {
    const i = inputIndex.get(k);
    if (i === undefined) return { ok: false, error: `the key uses "${k}", which is not an input` };
    // Keys travel into records and messages: a patient identifier must never be one.
    if (profile.inputs[k]?.kind === 'patient') return { ok: false, error: `the key cannot use the patient identifier "${k}"` };
    keyInputs.push(i);
  }

  return { ok: true, compiled: { profile, inputs, rules, keyInputs, headers, report: mappingReport(headers, inputs, rules) } };
}

const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * Records of one rule all get the same object shape: one object literal with every field in a fixed
 * order, built from an array of slots the row fills. Objects that instead grow property by property
 * (or are written field by field under computed names) take about four times the memory and time on
 * a million rows. The literal is generated from the schema's field names (our own identifiers,
 * checked below, never text from a file); where code generation is not allowed (a strict
 * Content-Security-Policy), a plain loop builds the same object, more slowly.
 */
function recordShape(type: string, names: readonly string[], constants: readonly (readonly [string, unknown])[], arrays: readonly string[]): RecordShape {
  const values = new Map<string, unknown>(constants);
  // Empty lists are one shared, frozen array: a million rows without modifiers need no million arrays.
  const template = names.map((n, i) => (i === TYPE_SLOT ? type : arrays.includes(n) ? EMPTY_LIST : values.get(n)));
  const fallback = (slots: readonly unknown[]) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) record[names[i] as string] = slots[i];
    return record;
  };
  if (!names.every((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n))) return { names, template, make: fallback };
  const body = `return {${names.map((n, i) => `${n}: s[${i}]`).join(', ')}};`;
  try {
    const make = new Function('s', body) as (s: readonly unknown[]) => Record<string, unknown>;
    return { names, template, make };
  } catch {
    return { names, template, make: fallback };
  }
}

/** What was found and what is missing, for the user to see (and the task pane to ask about). */
function mappingReport(
  headers: readonly string[],
  inputs: readonly CompiledInput[],
  rules: readonly CompiledRule[],
): MappingReport {
  const mapped: Record<string, string> = {};
  const used = new Set<number>();
  for (const input of inputs) {
    if (input.columns.length === 0) continue;
    mapped[input.name] = input.headers.join(', ');
    for (const c of input.columns) used.add(c);
  }
  const missing = new Set<string>();
  for (const input of inputs) if (input.spec.required && input.columns.length === 0) missing.add(input.name);
  // A required field all of whose inputs are absent from this file is missing too, for every rule
  // that can make records here (no condition, or its condition's column is present).
  for (const rule of rules) {
    if (rule.when !== undefined && (inputs[rule.when.input]?.columns.length ?? 0) === 0) continue;
    for (const field of rule.fields) {
      if (!field.info.required) continue;
      if (rule.constants.some(([name]) => name === field.info.name)) continue;
      if (field.sources.every((s) => (inputs[s]?.columns.length ?? 0) === 0)) missing.add(inputs[field.sources[0] ?? 0]?.name ?? field.info.name);
    }
  }
  return {
    headers,
    mapped,
    missingRequired: [...missing],
    unmappedHeaders: headers.filter((h, i) => !used.has(i) && h.trim() !== ''),
  };
}
