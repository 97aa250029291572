/**
 * KPIs of real exports (Synthea CSV, Epic EHI billing tables) against values computed here from the
 * raw rows with a plain split, not through our connectors.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import { aggregate } from '../../../core/aggregate';
import type { Aggregates } from '../../../core/aggregate/types';
import { assembleDataset } from '../../../core/dataset';
import { kpiById, type KpiResult } from '../../../core/kpi';
import { fixture } from '../../support/paths';

async function aggregatesOf(dir: string): Promise<Aggregates> {
  const results = [];
  for (const name of readdirSync(dir).sort()) results.push(await importSource(sourceFromBytes(name, new Uint8Array(readFileSync(join(dir, name))))));
  return aggregate(assembleDataset(results));
}

/** Rows of a delimited file whose fields hold no delimiter or quotes (true of both fixtures' columns used here). */
function rows(path: string, delimiter: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
  const names = (header ?? '').split(delimiter);
  return lines.map((l) => {
    const fields = l.split(delimiter);
    return Object.fromEntries(names.map((n, i) => [n, fields[i] ?? '']));
  });
}

/** "-12.3" → -1230 by the digits. */
function cents(text: string): number {
  const negative = text.trim().startsWith('-');
  const [whole, fraction = ''] = text.trim().replace('-', '').split('.');
  const value = Number(whole || '0') * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

/** `9/28/2023 12:00:00 AM` → `2023-09`. */
function epicMonth(text: string): string {
  const [m, , y] = (text.split(' ')[0] ?? '').split('/');
  return `${y}-${(m ?? '').padStart(2, '0')}`;
}

function epicDay(text: string): number {
  const [m, d, y] = (text.split(' ')[0] ?? '').split('/').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

function monthly(aggregates: Aggregates, id: string, month: string): KpiResult {
  const kpi = kpiById(id);
  assert.ok(kpi);
  return kpi.compute(aggregates, { period: { kind: 'month', month }, slice: { dimension: 'all', key: 'all' } });
}

function sumBy<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + value(item));
  return out;
}

describe('core/kpi on real exports', function () {
  this.timeout(60_000);

  describe('Synthea CSV', () => {
    const dir = fixture('synthea_csv');
    let aggregates: Aggregates;
    before(async () => {
      aggregates = await aggregatesOf(dir);
    });

    it('gross collection rate of every month = Σ PAYMENTS of PAYMENT rows ÷ Σ AMOUNT of CHARGE rows (by FROMDATE month)', () => {
      const tx = rows(join(dir, 'claims_transactions.csv'), ',');
      const charges = sumBy(tx.filter((r) => r.TYPE === 'CHARGE'), (r) => (r.FROMDATE ?? '').slice(0, 7), (r) => cents(r.AMOUNT ?? '0'));
      const payments = sumBy(tx.filter((r) => r.TYPE === 'PAYMENT'), (r) => (r.FROMDATE ?? '').slice(0, 7), (r) => cents(r.PAYMENTS ?? '0'));
      assert.ok(charges.size > 50);
      for (const month of aggregates.months) {
        const result = monthly(aggregates, 'gross_collection_rate', month);
        const charged = charges.get(month) ?? 0;
        if (charged === 0) {
          assert.ok('unavailable' in result, month);
          continue;
        }
        assert.ok('value' in result, month);
        assert.equal(result.numerator, payments.get(month) ?? 0, month);
        assert.equal(result.denominator, charged, month);
      }
    });

    it('encounters and unique patients of every month from encounters.csv', () => {
      const encounters = rows(join(dir, 'encounters.csv'), ',');
      const count = sumBy(encounters, (r) => (r.START ?? '').slice(0, 7), () => 1);
      for (const month of aggregates.months) {
        const result = monthly(aggregates, 'encounters', month);
        assert.ok('value' in result);
        assert.equal(result.value, count.get(month) ?? 0, month);
        const patients = new Set(encounters.filter((r) => r.START?.startsWith(month)).map((r) => r.PATIENT));
        const unique = monthly(aggregates, 'unique_patients', month);
        assert.ok('value' in unique);
        assert.equal(unique.value, patients.size, month);
      }
    });
  });

  describe('Epic EHI billing tables', () => {
    const dir = fixture('epic_ehi_billing');
    let aggregates: Aggregates;
    before(async () => {
      aggregates = await aggregatesOf(dir);
    });

    it('gross collection rate of every month from ARPB_TRANSACTIONS: payments by POST_DATE ÷ charges by SERVICE_DATE, voids left out', () => {
      const tx = rows(join(dir, 'ARPB_TRANSACTIONS.tsv'), '\t').filter((r) => r.VOID_DATE === '');
      const charges = sumBy(tx.filter((r) => r.TX_TYPE_C_NAME === 'Charge'), (r) => epicMonth(r.SERVICE_DATE ?? ''), (r) => cents(r.AMOUNT ?? '0'));
      // Epic states payments as negative credits.
      const payments = sumBy(tx.filter((r) => r.TX_TYPE_C_NAME === 'Payment'), (r) => epicMonth(r.POST_DATE ?? ''), (r) => -cents(r.AMOUNT ?? '0'));
      let checked = 0;
      for (const month of aggregates.months) {
        const result = monthly(aggregates, 'gross_collection_rate', month);
        const charged = charges.get(month) ?? 0;
        if (charged === 0) {
          assert.ok('unavailable' in result, month);
          continue;
        }
        assert.ok('value' in result, month);
        assert.equal(result.numerator, payments.get(month) ?? 0, month);
        assert.equal(result.denominator, charged, month);
        checked += 1;
      }
      assert.ok(checked >= 5);
    });

    it('charge lag of every month = Σ (POST_DATE − SERVICE_DATE) ÷ charge lines', () => {
      const lines = rows(join(dir, 'ARPB_TRANSACTIONS.tsv'), '\t').filter((r) => r.VOID_DATE === '' && r.TX_TYPE_C_NAME === 'Charge');
      const days = sumBy(lines, (r) => epicMonth(r.SERVICE_DATE ?? ''), (r) => epicDay(r.POST_DATE ?? '') - epicDay(r.SERVICE_DATE ?? ''));
      const count = sumBy(lines, (r) => epicMonth(r.SERVICE_DATE ?? ''), () => 1);
      for (const [month, n] of count) {
        const result = monthly(aggregates, 'charge_lag_days', month);
        assert.ok('value' in result, month);
        assert.equal(result.numerator, days.get(month));
        assert.equal(result.denominator, n);
      }
    });

    it('says A/R cannot be derived when payments do not name the claim they pay', () => {
      const result = monthly(aggregates, 'days_in_ar', aggregates.lastClosedMonth ?? '');
      assert.ok('unavailable' in result);
      assert.match(result.unavailable, /linked by claim/);
    });
  });
});

describe('core/kpi on the Kaggle no-show appointments', function () {
  this.timeout(60_000);
  const file = fixture('appointments', 'KaggleV2-May-2016.first20000rows.csv');
  let aggregates: Aggregates;
  before(async () => {
    const result = await importSource(sourceFromBytes('KaggleV2-May-2016.first20000rows.csv', new Uint8Array(readFileSync(file))));
    aggregates = aggregate(assembleDataset([result]));
  });

  it('no-show rate and lead time of every month: No-show = Yes ÷ appointments; AppointmentDay − ScheduledDay in days', () => {
    const appointments = rows(file, ',');
    const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    const months = new Set(appointments.map((r) => (r.AppointmentDay ?? '').slice(0, 7)));
    for (const month of months) {
      const inMonth = appointments.filter((r) => r.AppointmentDay?.startsWith(month));
      const result = monthly(aggregates, 'no_show_rate', month);
      assert.ok('value' in result, month);
      assert.equal(result.numerator, inMonth.filter((r) => r['No-show'] === 'Yes').length);
      assert.equal(result.denominator, inMonth.length);
      const leads = inMonth.map((r) => day(r.AppointmentDay ?? '') - day(r.ScheduledDay ?? '')).filter((d) => d >= 0);
      const lead = monthly(aggregates, 'scheduling_lead_time_days', month);
      assert.ok('value' in lead, month);
      assert.equal(lead.numerator, leads.reduce((s, d) => s + d, 0));
      assert.equal(lead.denominator, leads.length);
    }
  });

  it('does not report a late-cancellation rate of zero for an export that records no cancellations', () => {
    const result = monthly(aggregates, 'late_cancel_rate', '2016-05');
    assert.ok('unavailable' in result);
    assert.match(result.unavailable, /records none/);
  });
});
