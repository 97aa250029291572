/**
 * Cell readers, one per value kind, built once per column (the profile's locale and namespace
 * bound in) so reading a row does no set-up work. A reader returns the value, `undefined` for an
 * empty cell, or a `Bad` with the sentence saying why the text could not be read.
 *
 * A column often repeats the row above (a claim's lines share their claim, patient, provider and
 * dates): callers compare the text with the row above's and reuse its value without calling the
 * reader (table.ts, row-code.ts). Readers therefore keep no memory of the last reading themselves;
 * when they did, the wrapper compared a second time and, being one function for every column, made
 * its call to the reader a call V8 could not inline, a fifth of the import's time on a million rows.
 */
import { messages } from '../../core/messages';
import { payerClassFromName, PayerClass } from '../../core/model/common';
import { parseMoney, type DecimalSeparator } from '../../core/money';
import { isCanonicalDate, isCanonicalDateTime, parseDate, toLocalDateTime, type DateOrder } from '../../core/period';
import { pseudonymousKey } from '../../core/privacy';
import type { InputColumn } from '../profiles/schema';

/** Why a cell could not be read. */
export class Bad {
  constructor(readonly message: string) {}
}

export type Value = string | number | boolean | readonly string[];
export type CellReader = (text: string) => Value | Bad | undefined;
/** What reading a cell gives: a value, a Bad, or undefined for an empty cell. */
export type Cell = Value | Bad | undefined;

/**
 * `raw.trim()`, without the call when the cell neither starts nor ends with a space or a control
 * or non-ASCII character (almost every cell of an export): a builtin call per cell is a measurable
 * share of a million-row import. Anything else goes to `trim`, so Unicode spaces are trimmed as before.
 */
export function trimCell(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '';
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
}

/** An input read from several columns (Mod 1 … Mod 4): the non-empty values in column order, or undefined. */
export function readColumns(cells: readonly string[], columns: readonly number[], read: CellReader): Cell {
  const out: string[] = [];
  for (const c of columns) {
    const text = trimCell(cells[c]);
    if (text === '') continue;
    const v = read(text);
    if (Array.isArray(v)) out.push(...(v as string[]));
    else if (typeof v === 'string') out.push(v);
  }
  return out.length === 0 ? undefined : out;
}

export interface Locale {
  readonly decimalSeparator?: DecimalSeparator | undefined;
  readonly dateOrder?: DateOrder | undefined;
}

/**
 * A copy of `text` that does not point into the chunk it was cut from. V8 cuts substrings of 13
 * characters or more as views of the parent string, so one kept value would keep a whole
 * megabyte chunk of the file alive.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** Slots in a reader's cache of recent texts, in front of its Map. */
const RECENT = 64;

/**
 * Where a text sits in a reader's cache of recent texts: from its length and its last character
 * (codes, modifiers, payer and provider names differ there), without hashing the whole string as a
 * Map lookup must for every text cut from the file. Slots start empty, and readers are never given an
 * empty text (callers read an empty cell as undefined), so an empty slot never matches.
 */
function recentSlot(text: string): number {
  return (text.length * 7 + text.charCodeAt(text.length - 1)) & (RECENT - 1);
}

/**
 * Remembers up to `limit` readings: dates, classes and statuses repeat on almost every row. A
 * column whose values hardly repeat (beyond the row above) stops being looked up after a sample:
 * its lookups would cost more than the readings they save.
 */
function memo(read: CellReader, limit = 5000): CellReader {
  const seen = new Map<string, Value | Bad | undefined>();
  let lookups = 0;
  let hits = 0;
  let remembering = true;
  const recent = new Array<string>(RECENT).fill('');
  const recentValue = new Array<Value | Bad | undefined>(RECENT);
  return (text) => {
    if (!remembering) return read(text);
    lookups++;
    const r = recentSlot(text);
    if (recent[r] === text) {
      hits++;
      return recentValue[r];
    }
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) {
      hits++;
      // Detached: a text of 13 characters or more cut from the file would keep its chunk alive.
      recent[r] = detach(text);
      recentValue[r] = hit;
      return hit;
    }
    const value = read(text);
    if (lookups === 20_000 && hits < lookups / 4) {
      remembering = false;
      seen.clear();
    } else if (seen.size < limit) seen.set(detach(text), typeof value === 'string' ? detach(value) : value);
    return value;
  };
}

/**
 * Text columns: values that repeat (provider, payer, location, code) are shared, one string per
 * distinct value, instead of a new string per row; a column whose values hardly repeat beyond the
 * row above (a claim or row id) stops being looked up after a sample. Kept strings are detached
 * from the file's chunks.
 */
function textReader(): CellReader {
  const seen = new Map<string, string>();
  let lookups = 0;
  let hits = 0;
  let sharing = true;
  const recent = new Array<string>(RECENT).fill('');
  return (text) => {
    if (!sharing) return detach(text);
    lookups++;
    const r = recentSlot(text);
    const last = recent[r] as string;
    if (last === text) {
      hits++;
      return last;
    }
    const hit = seen.get(text);
    if (hit !== undefined) {
      hits++;
      recent[r] = hit;
      return hit;
    }
    if (lookups === 20_000 && hits < lookups / 2) {
      sharing = false;
      seen.clear();
    } else if (seen.size < 50_000) {
      const kept = detach(text);
      seen.set(kept, kept);
      return kept;
    }
    return detach(text);
  };
}

/** A whole number written with digits only (up to 9 of them), or -1. */
function plainInteger(text: string): number {
  const n = text.length;
  if (n > 9) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function isNpi(text: string): boolean {
  if (text.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

const YES = new Set(['y', 'yes', 'true', 't', '1']);
const NO = new Set(['n', 'no', 'false', 'f', '0']);
const PAYER_CLASSES = new Set<string>(PayerClass.options);

/** The reader for one input column. */
export function readerFor(input: InputColumn, locale: Locale): CellReader {
  const values = input.values === undefined ? undefined : new Map(Object.entries(input.values).map(([k, v]) => [k.toLowerCase(), v]));
  const fallback = values?.get('*');
  const mapped = (text: string): string | Bad => {
    if (values === undefined) return text;
    const v = values.get(text.toLowerCase()) ?? fallback;
    if (v === undefined) return new Bad(messages.valueNotRecognised(text, [...values.keys()].filter((k) => k !== '*').join(', ')));
    return v;
  };
  const money = { decimalSeparator: locale.decimalSeparator };
  switch (input.kind) {
    case 'text':
      return values === undefined ? textReader() : memo(mapped);
    case 'money':
      return (t) => {
        const r = parseMoney(t, money);
        return r.ok ? r.value : new Bad(r.error);
      };
    case 'date': {
      const general = memo((t) => {
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? r.value.date : new Bad(r.error.message);
      });
      // Already canonical (a 10-character copy, never a view of the chunk): no parse, no lookup.
      return (t) => (isCanonicalDate(t) ? t : general(t));
    }
    case 'datetime': {
      const general = memo((t) => {
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? toLocalDateTime(r.value) : new Bad(r.error.message);
      });
      return (t) => (isCanonicalDateTime(t) ? detach(t) : general(t));
    }
    case 'year':
      return memo((t) => {
        if (/^\d{4}$/.test(t)) return Number(t);
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? Number(r.value.date.slice(0, 4)) : new Bad(r.error.message);
      });
    case 'number': {
      const general = memo((t) => {
        const n = Number(t.replace(/,/g, ''));
        return Number.isFinite(n) && t.trim() !== '' ? n : new Bad(messages.numberInvalid(t));
      });
      return (t) => {
        const n = plainInteger(t);
        return n >= 0 ? n : general(t);
      };
    }
    case 'boolean':
      return memo((t) => {
        const v = mapped(t);
        if (v instanceof Bad) return v;
        const l = v.toLowerCase();
        if (YES.has(l)) return true;
        if (NO.has(l)) return false;
        return new Bad(messages.valueNotRecognised(t, 'Y, N, Yes, No, True, False, 1, 0'));
      });
    case 'list': {
      // The same list text (a diagnosis combination, a modifier) recurs: one frozen list per text.
      const separator = input.separator;
      if (separator === undefined) return memo((t) => Object.freeze([detach(t)]), 50_000);
      return memo((t) => {
        const out: string[] = [];
        for (const part of t.split(separator)) {
          const p = part.trim();
          if (p !== '') out.push(detach(p));
        }
        return Object.freeze(out);
      }, 50_000);
    }
    case 'patient': {
      // The digest is cheaper than a lookup among a large practice's patients; a claim's lines share it.
      const namespace = input.namespace ?? 'patient';
      return (t) => pseudonymousKey(namespace, t);
    }
    case 'payer-class':
      // Names the map does not list are classed by payerClassFromName, never refused.
      return memo((t) => {
        const v = values?.get(t.toLowerCase()) ?? fallback ?? t;
        const l = v.toLowerCase().replace(/[\s-]+/g, '_');
        return PAYER_CLASSES.has(l) ? l : payerClassFromName(v);
      });
    case 'npi':
      return (t) => (isNpi(t) ? t : new Bad(messages.npiInvalid(t)));
  }
}
