import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLarge } from '../../cli/demo/write-csv';
import { PRACTICE_FILES, PRACTICE_STAGES, SAVED_AGGREGATES, STAGES, runStage } from '../../bench/stage';

describe('bench/stage', () => {
  describe('runStage', () => {
    let dir = '';
    let file = '';
    // Data lines counted here from the bytes: the files have no quoted line breaks.
    const dataLines = (name: string) => readFileSync(join(dir, name), 'utf8').trimEnd().split('\n').length - 1;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bench-'));
      await generateLarge({ chargeLines: 3_000, outDir: dir, transactions: true, appointments: true });
      file = join(dir, 'charges.csv');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    // `render` reads what `aggregates` saved (STAGES lists it after), so it is checked on its own below.
    for (const stage of STAGES.filter((s) => s !== 'render')) {
      it(`counts every data row with ${stage} and reports its size and timings`, async () => {
        const practice = PRACTICE_STAGES.includes(stage);
        const r = await runStage(stage, practice ? dir : file);
        assert.equal(dataLines('charges.csv'), 3_000);
        // DuckDB reports the charge lines it grouped; the pipeline every row of the three files.
        const expected = practice && stage !== 'duckdb' ? PRACTICE_FILES.reduce((n, f) => n + dataLines(f), 0) : 3_000;
        assert.equal(r.rows, expected);
        const bytes = practice ? PRACTICE_FILES.reduce((n, f) => n + readFileSync(join(dir, f)).byteLength, 0) : readFileSync(file).byteLength;
        assert.equal(r.bytes, bytes);
        assert.ok(r.seconds > 0 && r.peakRssBytes >= r.baselineRssBytes * 0.5);
        if (stage === 'ingest') assert.deepEqual({ profile: r.detail?.profile, rejected: r.detail?.rowsRejected }, { profile: 'canonical-charges', rejected: 0 });
        if (stage === 'pipeline') assert.ok(Number(r.detail?.facts) > 0);
      });
    }

    it('renders the KPI workbook from the aggregates the aggregates stage saved, to a file on disk', async () => {
      const saved = await runStage('aggregates', dir);
      const r = await runStage('render', dir);
      const detail = r.detail ?? {};
      // Its rows are the Data tables' rows, which the saved pipeline reported.
      assert.equal(r.rows, Number(saved.detail?.facts) + Number(saved.detail?.aging) + Number(saved.detail?.distinct));
      assert.equal(r.bytes, readFileSync(join(dir, SAVED_AGGREGATES)).byteLength);
      assert.equal(detail.xlsxBytes, readFileSync(join(dir, 'kpi.xlsx')).byteLength);
      assert.ok(Number(detail.planSeconds) > 0 && Number(detail.renderSeconds) > 0 && Number(detail.writeSeconds) >= 0);
    });
  });
});
