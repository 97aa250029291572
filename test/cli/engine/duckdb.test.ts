/**
 * The two aggregation engines give the same KPI tables: the JavaScript aggregation (core/aggregate)
 * and the same rules as SQL in embedded DuckDB (core/aggregate/sql-engine.ts via duckdbAggregate),
 * compared deep-equal — every Facts cell and measure, A/R aging, distinct counts, members and their
 * keys, months, as-of date, availability and notes — on the demo practice and on real fixture files.
 * No tolerance is needed: money and counts are integers, and the measures that are not (cycle and
 * wait minutes, work RVUs) are summed by both engines as whole seconds and hundredths of an RVU.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../../cli/commands/build';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { duckdbAggregate, duckdbFacts } from '../../../cli/engine/duckdb';
import { main } from '../../../cli/main';
import { aggregate, type Aggregates } from '../../../core/aggregate';
import { sqlFactMeasures } from '../../../core/aggregate/sql';
import { fixture, repoRoot } from '../../support/paths';

/** Both engines over the same imported dataset. */
async function bothEngines(inputs: readonly string[]): Promise<{ js: Aggregates; sql: Aggregates }> {
  const { dataset } = await loadInputs(inputs, repoRoot);
  return { js: aggregate(dataset), sql: await duckdbAggregate(dataset) };
}

/** Deep-equal, table by table, so a failure names the table. */
function assertSameTables(js: Aggregates, sql: Aggregates): void {
  for (const table of Object.keys(js) as (keyof Aggregates)[]) assert.deepEqual(sql[table], js[table], `${table} differ`);
}

const total = (a: Aggregates, measure: keyof Aggregates['facts'][number]['measures']) => a.facts.reduce((n, f) => n + f.measures[measure], 0);

describe('cli/engine/duckdb', function () {
  this.timeout(60_000);
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pw-duckdb-'));
    await writeDemo(generateDemo({ seed: 5, months: 13, providers: 5 }), dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('duckdbAggregate', () => {
    it('gives the demo practice (with the CMS RVU file) the same tables as the JavaScript aggregation', async () => {
      const { js, sql } = await bothEngines([dir, fixture('cms_pfs', 'PPRRVU25_JAN1.csv')]);
      assertSameTables(js, sql);
      // Not a comparison of empty tables: every kind of measure is there.
      assert.ok(total(sql, 'workRvus') > 0 && total(sql, 'cycleMinutes') > 0 && total(sql, 'denials') > 0 && total(sql, 'leadDays') > 0);
      assert.ok(sql.aging.length > 0 && sql.distinct.length > 0);
      assert.equal(sql.availability.denials, 'adjustment-reason-codes');
      assert.equal(sql.availability.newPatientFlag, 'encounters');
    });

    it('gives the demo practice without its encounter file the same tables (claims as encounters, new patients from appointments)', async () => {
      const files = ['appointments.csv', 'charges.csv', 'transactions.csv', 'providers.csv', 'payers.csv', 'locations.csv'].map((f) => join(dir, f));
      const { js, sql } = await bothEngines(files);
      assertSameTables(js, sql);
      assert.equal(sql.availability.encounterSource, 'claims');
      assert.equal(sql.availability.newPatientFlag, 'appointments');
    });

    it('gives the Synthea CSV export the same tables', async () => {
      const { js, sql } = await bothEngines([fixture('synthea_csv')]);
      assertSameTables(js, sql);
      assert.ok(sql.distinct.length > 0 && total(sql, 'paymentCents') > 0);
    });

    it('gives the Epic billing export the same tables', async () => {
      const { js, sql } = await bothEngines([fixture('epic_ehi_billing')]);
      assertSameTables(js, sql);
      assert.ok(total(sql, 'chargeCents') > 0 && sql.availability.chargePostDates);
    });

    it('gives the scheduling export the same tables', async () => {
      const { js, sql } = await bothEngines([fixture('appointments')]);
      assertSameTables(js, sql);
      assert.ok(total(sql, 'appointments') > 0 && total(sql, 'noShows') > 0);
    });

    it('gives the 835 and 837P files the same tables (payments and initial denials from the remittances)', async () => {
      const { js, sql } = await bothEngines([fixture('x12_835'), fixture('x12_837p')]);
      assertSameTables(js, sql);
      assert.equal(sql.availability.denials, 'remittances');
      assert.ok(sql.aging.length > 0 && total(sql, 'claimsAdjudicated') > 0);
    });
  });

  describe('practice build --engine duckdb', () => {
    it('writes the KPI workbook from the tables DuckDB computed, with as many rows as the JavaScript engine', async () => {
      const out = join(dir, 'out', 'kpi.xlsx');
      const lines: string[] = [];
      const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t), cwd: dir };
      assert.equal(await main(['build', '--in', dir, '--out', out, '--engine', 'duckdb'], io), 0, lines.join('\n'));
      assert.ok(existsSync(out));
      assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');
      const js = aggregate((await loadInputs([dir], repoRoot)).dataset);
      assert.match(lines.join('\n'), new RegExp(`facts ${js.facts.length}, A/R aging ${js.aging.length}, distinct counts ${js.distinct.length}`));
    });

    it('refuses an engine it does not have', async () => {
      const lines: string[] = [];
      const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t), cwd: dir };
      assert.equal(await main(['build', '--in', dir, '--out', join(dir, 'x.xlsx'), '--engine', 'spark'], io), 1);
      assert.match(lines.join('\n'), /--engine must be js or duckdb: spark/);
    });
  });

  describe('duckdbFacts (the bench stage: read_csv + GROUP BY over canonical CSVs)', () => {
    it('gives the demo practice the same Facts measures as the JavaScript aggregation, per month and payer class', async () => {
      const files = { charges: join(dir, 'charges.csv'), transactions: join(dir, 'transactions.csv'), appointments: join(dir, 'appointments.csv') };
      const sql = await duckdbFacts(files);
      const js = aggregate((await loadInputs(Object.values(files), dir)).dataset);
      assert.equal(sql.length, js.facts.length, 'same number of cells');
      const totals = (rows: readonly { month: string; payerClass: string; measures: Partial<Record<(typeof sqlFactMeasures)[number], number>> }[]) => {
        const out = new Map<string, number>();
        for (const r of rows)
          for (const m of sqlFactMeasures) {
            const id = `${r.month}|${r.payerClass}|${m}`;
            out.set(id, (out.get(id) ?? 0) + (r.measures[m] ?? 0));
          }
        return out;
      };
      const a = totals(sql);
      const b = totals(js.facts.map((f) => ({ month: f.month, payerClass: f.payerClass, measures: f.measures })));
      assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
      for (const [id, value] of b) assert.ok(Math.abs((a.get(id) ?? NaN) - value) < 1e-6, `${id}: SQL ${a.get(id)} vs JS ${value}`);
      assert.ok((b.get(`${js.facts[0]?.month}|${js.facts[0]?.payerClass}|chargeCents`) ?? 0) > 0);
    });
  });
});
