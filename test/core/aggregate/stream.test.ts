import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { writeDemoX12 } from '../../../cli/demo/x12-writer';
import { sourceFromPath } from '../../../cli/files';
import { importSource } from '../../../connectors';
import { aggregate, type Aggregates } from '../../../core/aggregate';
import { createAggregator } from '../../../core/aggregate/stream';
import { assembleDataset } from '../../../core/dataset';
import type { ImportResult } from '../../../core/source';
import { fixture } from '../../support/paths';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/**
 * The same files through both entry points of the one aggregation: kept records → assembleDataset →
 * aggregate (which feeds the dataset to the aggregator), and streamed to the aggregator file by file
 * (its own deduplication, name resolution and out-of-order claims).
 */
async function bothWays(paths: readonly string[]) {
  const results: ImportResult[] = [];
  const streaming = createAggregator();
  for (const path of paths) {
    results.push(await importSource(sourceFromPath(path)));
    const streamed = await importSource(sourceFromPath(path), { onRecords: streaming.sink(sourceFromPath(path).name) });
    assert.equal(streamed.records.length, 0, 'a sink keeps no records');
    streaming.addResult(streamed);
  }
  const dataset = assembleDataset(results);
  return { batch: aggregate(dataset), dataset, streamed: streaming.finish() };
}

/** Both entry points sum in the same order, so the tables agree exactly (work RVUs included). */
function assertSame(streamed: Aggregates, batch: Aggregates): void {
  assert.deepStrictEqual(streamed, batch);
}

describe('core/aggregate/stream', () => {
  describe('createAggregator', () => {
    let dir = '';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pw-stream-'));
      const model = generateDemo({ seed: 7, months: 14, providers: 6 });
      await writeDemo(model, dir);
      writeDemoX12(model, join(dir, 'x12'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('gives the demo practice the same fact, aging and distinct tables as the batch aggregation', async () => {
      const paths = filesUnder(dir).filter((p) => !/x12|pm-report|readme/i.test(p));
      const { batch, streamed, dataset } = await bothWays(paths);
      assert.ok(batch.facts.length > 50 && batch.aging.length > 0);
      assertSame(streamed.aggregates, batch);
      assert.deepStrictEqual(streamed.dataset.issues, dataset.issues);
      assert.deepStrictEqual(streamed.dataset.sources, dataset.sources);
      // Independent check: Σ charge_amount of charges.csv, read here with a small quote-aware split.
      const split = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1] ?? '');
      const lines = readFileSync(join(dir, 'charges.csv'), 'utf8').trim().split('\n');
      const at = split(lines[0] ?? '').indexOf('charge_amount');
      const cents = lines.slice(1).reduce((n, l) => n + Math.round(Number(split(l)[at]) * 100), 0);
      assert.equal(streamed.aggregates.facts.reduce((n, f) => n + f.measures.chargeCents, 0), cents);
    });

    it('gives the demo practice with 835s and no payment rows the same tables (payments from remittances)', async () => {
      const paths = filesUnder(dir).filter((p) => !/transactions|readme|pm-report/i.test(p));
      const { batch, streamed } = await bothWays(paths);
      assert.equal(batch.availability.denials, 'remittances');
      assertSame(streamed.aggregates, batch);
    });

    for (const folder of ['synthea_csv', 'epic_ehi_billing', 'appointments', 'x12_835']) {
      it(`gives the ${folder} fixtures the same tables as the batch aggregation`, async () => {
        const { batch, streamed } = await bothWays(filesUnder(fixture(folder)));
        assertSame(streamed.aggregates, batch);
      });
    }

    it('gives the same tables when payments are read before the charges they pay', async () => {
      const { batch, streamed } = await bothWays([join(dir, 'transactions.csv'), join(dir, 'appointments.csv'), join(dir, 'charges.csv')]);
      assert.ok(batch.availability.arAging);
      assertSame(streamed.aggregates, batch);
    });

    it('counts a record whose natural key an earlier file had once, with the same issue as the batch', async () => {
      const charges = join(dir, 'charges.csv');
      const { batch, streamed, dataset } = await bothWays([charges, charges]);
      assertSame(streamed.aggregates, batch);
      assert.deepStrictEqual(streamed.dataset.issues, dataset.issues);
      assert.ok(dataset.issues.some((i) => i.code === 'duplicate-across-files'));
    });
  });
});
