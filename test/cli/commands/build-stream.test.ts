import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../../cli/commands/build';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { aggregate } from '../../../core/aggregate';
import { buildKpiWorkbook } from '../../../core/plan/kpi-workbook';

describe('cli/commands/build', () => {
  describe('loadInputs', () => {
    let dir = '';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pw-build-stream-'));
      await writeDemo(generateDemo({ seed: 11, months: 13, providers: 5 }), dir);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('aggregates while reading above the size threshold, to the same KPI tables and counts', async () => {
      const inputs = ['charges.csv', 'transactions.csv', 'appointments.csv', 'providers.csv'];
      const kept = await loadInputs(inputs, dir);
      const streamed = await loadInputs(inputs, dir, { aggregateAbove: 0 });
      assert.equal(kept.aggregates, undefined);
      assert.ok(streamed.aggregates !== undefined);
      assert.ok(streamed.dataset.charges.length < kept.dataset.charges.length / 4, 'only the charges of claims with denial postings are kept');
      assert.ok(streamed.results.every((r) => r.records.length === 0));
      assert.deepStrictEqual(streamed.aggregates, aggregate(kept.dataset));
      assert.deepStrictEqual(
        streamed.results.map((r) => [r.file, r.rowsRead, r.recordsImported, r.rowsRejected]),
        kept.results.map((r) => [r.file, r.rowsRead, r.recordsImported, r.rowsRejected]),
      );
      assert.deepStrictEqual(streamed.dataset.issues, kept.dataset.issues);
      // The workbook plan (Denials sheet from the denial postings included) is the same.
      const options = { practiceName: 'Demo', generatedBy: 'test' };
      const plan = buildKpiWorkbook(streamed.dataset, options, streamed.aggregates);
      assert.ok(plan.sheets.some((s) => /denial/i.test(s.name)), 'the demo has denial postings');
      assert.deepStrictEqual(plan, buildKpiWorkbook(kept.dataset, options, aggregate(kept.dataset)));
    });
  });
});
