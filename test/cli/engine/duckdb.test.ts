import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../../cli/commands/build';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { duckdbFacts } from '../../../cli/engine/duckdb';
import { aggregate } from '../../../core/aggregate';
import { sqlFactMeasures } from '../../../core/aggregate/sql';

describe('cli/engine/duckdb', () => {
  describe('duckdbFacts', () => {
    let dir = '';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pw-duckdb-'));
      await writeDemo(generateDemo({ seed: 5, months: 13, providers: 5 }), dir);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

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
