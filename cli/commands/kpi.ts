/**
 * `practice kpi FILE_OR_DIR... --json [--by month|provider|location|payer] [--month YYYY-MM]`:
 * computes every KPI from the exports and prints it (money in cents, ratios as fractions).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { aggregate } from '../../core/aggregate';
import type { Aggregates, SliceDimension } from '../../core/aggregate/types';
import { kpis, type KpiDefinition, type KpiPeriod, type KpiSlice } from '../../core/kpi';
import { payerClassText } from '../../core/kpi/tables';
import { PayerClass } from '../../core/model';
import { EXIT, type CliIo } from '../io';
import { loadInputs } from './build';

const usage = `Usage: practice kpi FILE_OR_DIR... [--json] [--by month|provider|location|payer] [--month YYYY-MM]

Computes every KPI from the exports for the report month (default: the last month complete in the data).
  --json    print { "kpis": [ { id, label, unit, period, value, numerator, denominator, status } ] }
            (money in cents, ratios as fractions; status "ok" or "unavailable" with the reason)
  --by      one entry per month, provider, location or payer instead of the whole practice`;

type By = 'month' | 'provider' | 'location' | 'payer';

export interface KpiLine {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly period: string;
  readonly by?: { readonly dimension: string; readonly key: string; readonly name: string } | undefined;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly status: 'ok' | 'unavailable';
  readonly reason?: string | undefined;
}

function line(kpi: KpiDefinition, aggregates: Aggregates, period: KpiPeriod, slice: KpiSlice, by?: KpiLine['by']): KpiLine {
  const r = kpi.compute(aggregates, { period, slice });
  const base = { id: kpi.id, label: kpi.label, unit: kpi.unit, period: period.month, ...(by !== undefined ? { by } : {}) };
  if ('unavailable' in r) return { ...base, value: null, numerator: null, denominator: null, status: 'unavailable', reason: r.unavailable };
  return { ...base, value: r.value, numerator: r.numerator, denominator: r.denominator, status: 'ok' };
}

/** Payer-mix KPIs are shares, so they are listed per payer class (or per payer). */
function lines(aggregates: Aggregates, period: KpiPeriod, slice: KpiSlice, by: KpiLine['by']): KpiLine[] {
  const out: KpiLine[] = [];
  const classes = PayerClass.options.filter((c) => aggregates.facts.some((f) => f.payerClass === c));
  for (const kpi of kpis) {
    if (!kpi.share) out.push(line(kpi, aggregates, period, slice, by));
    else if (slice.dimension === 'all')
      for (const c of classes) out.push(line(kpi, aggregates, period, { dimension: 'payerClass', key: c }, { dimension: 'payerClass', key: c, name: payerClassText(c) }));
    else if (slice.dimension === 'payer') out.push(line(kpi, aggregates, period, slice, by));
  }
  return out;
}

/** Every KPI line for a report month, for the whole practice or by one dimension. */
export function kpiLines(aggregates: Aggregates, by: By | undefined, month: string): KpiLine[] {
  if (by === undefined) return lines(aggregates, { kind: 'month', month }, { dimension: 'all', key: 'all' }, undefined);
  if (by === 'month') return aggregates.months.flatMap((m) => lines(aggregates, { kind: 'month', month: m }, { dimension: 'all', key: 'all' }, undefined));
  const members = by === 'provider' ? aggregates.providers : by === 'location' ? aggregates.locations : aggregates.payers;
  const dimension: SliceDimension = by;
  return members.flatMap((m) => lines(aggregates, { kind: 'month', month }, { dimension, key: m.key }, { dimension: by, key: m.key, name: m.name }));
}

function format(l: KpiLine): string {
  const who = l.by === undefined ? '' : ` [${l.by.name}]`;
  if (l.status === 'unavailable') return `${l.period}  ${l.label}${who}: ${l.reason ?? 'not available'}`;
  const v = l.value ?? 0;
  const text = l.unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : l.unit === 'money' ? `$${(v / 100).toFixed(2)}` : v.toFixed(l.unit === 'count' && Number.isInteger(v) ? 0 : 1);
  return `${l.period}  ${l.label}${who}: ${text}`;
}

// Typed by its registration in index.ts (importing the Command type from there would be an import cycle).
export const command = {
  summary: 'compute the KPIs of exports (--json for machines; money in cents)',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const inputs: string[] = [];
    let json = false;
    let by: By | undefined;
    let month: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === '--json') json = true;
      else if (arg === '--by') {
        const v = argv[++i];
        if (v !== 'month' && v !== 'provider' && v !== 'location' && v !== 'payer') {
          io.err(`practice kpi: --by must be month, provider, location or payer\n\n${usage}`);
          return EXIT.usage;
        }
        by = v;
      } else if (arg === '--month') {
        month = argv[++i];
        if (month === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
          io.err(`practice kpi: --month must be YYYY-MM\n\n${usage}`);
          return EXIT.usage;
        }
      } else if (arg.startsWith('--')) {
        io.err(`practice kpi: unknown option ${arg}\n\n${usage}`);
        return EXIT.usage;
      } else inputs.push(arg);
    }
    if (inputs.length === 0) {
      io.err(`practice kpi: name at least one export file or folder\n\n${usage}`);
      return EXIT.usage;
    }
    for (const input of inputs)
      if (!existsSync(resolve(io.cwd, input))) {
        io.err(`practice kpi: ${input} does not exist`);
        return EXIT.unreadable;
      }
    const loaded = await loadInputs(inputs, io.cwd);
    const aggregates = aggregate(loaded.dataset, { reportMonth: month });
    const reportMonth = aggregates.lastClosedMonth;
    const result = reportMonth === null ? [] : kpiLines(aggregates, by, reportMonth);
    if (json) io.out(JSON.stringify({ kpis: result }, null, 2));
    else io.out(result.length === 0 ? 'No dated records were imported.' : result.map(format).join('\n'));
    if (loaded.unreadable.length > 0) {
      io.err(`practice kpi: could not read ${loaded.unreadable.join(', ')}`);
      return EXIT.unreadable;
    }
    return EXIT.ok;
  },
};
