import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLarge } from '../../cli/demo/write-csv';
import { STAGES, runStage } from '../../bench/stage';

describe('bench/stage', () => {
  describe('runStage', () => {
    let dir = '';
    let file = '';
    let lines = 0;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bench-'));
      await generateLarge({ chargeLines: 3_000, outDir: dir, transactions: false });
      file = join(dir, 'charges.csv');
      // Data lines counted here from the bytes: the file has no quoted line breaks.
      lines = readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const stage of STAGES) {
      it(`counts every data row of the file with ${stage} and reports its size and timings`, async () => {
        const r = await runStage(stage, file);
        assert.equal(lines, 3_000);
        assert.equal(r.rows, lines);
        assert.equal(r.bytes, readFileSync(file).byteLength);
        assert.ok(r.seconds > 0 && r.peakRssBytes >= r.baselineRssBytes * 0.5);
        if (stage === 'ingest') assert.deepEqual({ profile: r.detail?.profile, rejected: r.detail?.rowsRejected }, { profile: 'canonical-charges', rejected: 0 });
      });
    }
  });
});
