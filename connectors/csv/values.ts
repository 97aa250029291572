/**
 * Cell readers, one per value kind, built once per column (the profile's locale and namespace
 * bound in) so reading a row does no set-up work. A reader returns the value, `undefined` for an
 * empty cell, or a `Bad` with the sentence saying why the text could not be read.
 */
import { messages } from '../../core/messages';
import { payerClassFromName, PayerClass } from '../../core/model/common';
import { parseMoney, type DecimalSeparator } from '../../core/money';
import { parseDate, toLocalDateTime, type DateOrder } from '../../core/period';
import { pseudonymousKey } from '../../core/privacy';
import type { InputColumn } from '../profiles/schema';

/** Why a cell could not be read. */
export class Bad {
  constructor(readonly message: string) {}
}

export type Value = string | number | boolean | readonly string[];
export type CellReader = (text: string) => Value | Bad | undefined;

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

/** Remembers up to `limit` readings: dates, classes and statuses repeat on almost every row. */
function memo(read: CellReader, limit = 5000): CellReader {
  const seen = new Map<string, Value | Bad | undefined>();
  return (text) => {
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) return hit;
    const value = read(text);
    if (seen.size < limit) seen.set(detach(text), typeof value === 'string' ? detach(value) : value);
    return value;
  };
}

/**
 * Text columns: values that repeat (provider, payer, location, code) are shared, one string per
 * distinct value, instead of a new string per row; a column whose values hardly repeat (a row id)
 * stops being looked up after a sample. Kept strings are detached from the file's chunks.
 */
function textReader(): CellReader {
  const seen = new Map<string, string>();
  let lookups = 0;
  let hits = 0;
  let sharing = true;
  return (text) => {
    if (!sharing) return detach(text);
    lookups++;
    const hit = seen.get(text);
    if (hit !== undefined) {
      hits++;
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

const YES = new Set(['y', 'yes', 'true', 't', '1']);
const NO = new Set(['n', 'no', 'false', 'f', '0']);
const PAYER_CLASSES = new Set<string>(PayerClass.options);
const NPI = /^\d{10}$/;

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
    case 'date':
      return memo((t) => {
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? r.value.date : new Bad(r.error.message);
      });
    case 'datetime':
      return memo((t) => {
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? toLocalDateTime(r.value) : new Bad(r.error.message);
      });
    case 'year':
      return memo((t) => {
        if (/^\d{4}$/.test(t)) return Number(t);
        const r = parseDate(t, locale.dateOrder);
        return r.ok ? Number(r.value.date.slice(0, 4)) : new Bad(r.error.message);
      });
    case 'number':
      return memo((t) => {
        const n = Number(t.replace(/,/g, ''));
        return Number.isFinite(n) && t.trim() !== '' ? n : new Bad(messages.numberInvalid(t));
      });
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
      // Patients recur across a file's rows: the digest is computed once per patient.
      const namespace = input.namespace ?? 'patient';
      return memo((t) => pseudonymousKey(namespace, t), 200_000);
    }
    case 'payer-class':
      // Names the map does not list are classed by payerClassFromName, never refused.
      return memo((t) => {
        const v = values?.get(t.toLowerCase()) ?? fallback ?? t;
        const l = v.toLowerCase().replace(/[\s-]+/g, '_');
        return PAYER_CLASSES.has(l) ? l : payerClassFromName(v);
      });
    case 'npi':
      return (t) => (NPI.test(t) ? t : new Bad(messages.npiInvalid(t)));
  }
}
