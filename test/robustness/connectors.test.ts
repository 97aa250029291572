/**
 * Robustness sweep over every connector through importSource: random bytes, truncated real files,
 * wrong encodings, a 10 MB field, 10,000 columns, deeply nested JSON. Nothing may throw, every input
 * unit is accounted for (rowsRead = recordsImported + rowsRejected), and memory stays bounded.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { importSource } from '../../connectors';
import { sourceFromBytes } from '../../connectors/source';
import type { ImportResult } from '../../core/source';
import { fixture } from '../support/paths';

const text = (s: string) => new TextEncoder().encode(s);

/** One real file per connector (and per CSV family). */
const samples: [name: string, path: string[]][] = [
  ['ARPB_TRANSACTIONS.tsv', ['epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv']],
  ['claims_transactions.csv', ['synthea_csv', 'claims_transactions.csv']],
  ['encounters.csv', ['synthea_csv', 'encounters.csv']],
  ['KaggleV2.csv', ['appointments', 'KaggleV2-May-2016.first20000rows.csv']],
  ['PPRRVU25_JAN1.csv', ['cms_pfs', 'PPRRVU25_JAN1.csv']],
  ['remit.835', ['x12_835', 'lfh_managed-care.835']],
  ['claims.837', ['x12_837p', 'imsweb_x12_complex.txt']],
  ['bundle.json', ['fhir_r4', 'synthea_bundles', 'Christeen33_Beier427_edcd074e-b20a-2826-ff28-4677579314b1.json']],
  ['Encounter.ndjson', ['fhir_r4', 'bulk_ndjson_10_patients', 'Encounter.000.ndjson']],
];
const bytesOf = new Map(samples.map(([name, path]) => [name, new Uint8Array(readFileSync(fixture(...path)))]));

/** Imports without throwing and with every unit accounted for. */
async function accounted(name: string, bytes: Uint8Array): Promise<ImportResult> {
  let streamed = 0;
  const result = await importSource(sourceFromBytes(name, bytes, 1 << 16), { onRecords: (b) => (streamed += b.length) });
  assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected, `${name}: rowsRead ${result.rowsRead} ≠ ${result.recordsImported} + ${result.rowsRejected}`);
  assert.equal(result.records.length, 0, `${name}: a sink was given, so no records are kept`);
  if (result.recordsImported === 0) assert.equal(streamed, 0, `${name}: records from no imported unit`);
  for (const i of result.issues) assert.ok(i.code !== '' && i.message !== '' && i.location.file === name);
  return result;
}

const names = ['data.csv', 'data.tsv', 'data.txt', 'remit.835', 'claims.837', 'bundle.json', 'Patient.ndjson', 'book.xlsx', 'file.bin'];

describe('robustness: every connector through importSource', () => {
  // Measured around this suite only (other suites in the same mocha process grow the heap too).
  let rssAtStart = 0;
  before(() => {
    global.gc?.();
    rssAtStart = process.memoryUsage().rss;
  });
  after(() => {
    global.gc?.();
    // Loose: the sweep reads ~40 MB of generated input; it must not hold it all, let alone more.
    const grown = (process.memoryUsage().rss - rssAtStart) / 1e6;
    assert.ok(grown < 600, `RSS grew ${grown.toFixed(0)} MB over the sweep`);
  });

  it('never throws on random bytes under any file name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.uint8Array({ maxLength: 4000 }), async (name, bytes) => {
        await accounted(name, bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random printable text shaped like each format', async () => {
    const prefixes = ['ISA*00*', 'key,claim_id,service_date\n', '{"resourceType":"Bundle","entry":[', 'ID\tAMOUNT\n', '"a","b\n'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.constantFrom(...prefixes), fc.string({ maxLength: 2000 }), async (name, prefix, body) => {
        await accounted(name, text(prefix + body));
      }),
      { numRuns: 150 },
    );
  });

  it('accounts for every row of a real file truncated anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...samples.map(([n]) => n)), fc.double({ min: 0, max: 1, noNaN: true }), async (name, at) => {
        const bytes = bytesOf.get(name) as Uint8Array;
        await accounted(name, bytes.subarray(0, Math.floor(bytes.byteLength * at)));
      }),
      { numRuns: 60 },
    );
  });

  it('reads real files in the wrong encoding without throwing (UTF-16 without BOM, Latin-1 bytes, a stray BOM)', async () => {
    for (const [name, bytes] of bytesOf) {
      const head = bytes.subarray(0, 200_000);
      const asText = new TextDecoder().decode(head);
      const utf16 = new Uint8Array(asText.length * 2);
      for (let i = 0; i < asText.length; i++) {
        utf16[2 * i] = asText.charCodeAt(i) & 0xff;
        utf16[2 * i + 1] = asText.charCodeAt(i) >> 8;
      }
      await accounted(name, utf16);
      await accounted(name, Uint8Array.from(head, (b) => (b === 0x41 ? 0xc4 : b)));
      await accounted(name, new Uint8Array([0xfe, 0xff, ...head.subarray(0, 50_000)]));
    }
  });

  it('keeps a row with a 10 MB field as one row', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const r = await accounted('charges.csv', text(`claim_id,service_date,procedure_code,charge_amount\nC1,2024-01-02,99213,"${big}"\nC2,2024-01-02,99213,100.00\n`));
    assert.equal(r.rowsRead, 2);
    const tsv = await accounted('notes.tsv', text(`a\tb\n${big}\t1\n`));
    assert.ok(tsv.rowsRead <= 1);
  });

  it('reads a file with 10,000 columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `col${i}`).join(',');
    const row = Array.from({ length: 10_000 }, (_, i) => String(i)).join(',');
    const r = await accounted('wide.csv', text(`${header}\n${row}\n${row}\n`));
    assert.ok(r.issues.length > 0, 'an unknown layout is reported');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Wide');
    sheet.addRow(Array.from({ length: 10_000 }, (_, i) => `col${i}`));
    sheet.addRow(Array.from({ length: 10_000 }, (_, i) => i));
    await accounted('wide.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it('reads deeply nested JSON without overflowing the stack', async () => {
    const depth = 200_000;
    await accounted('deep.json', text('{"resourceType":"Bundle","entry":' + '['.repeat(depth) + ']'.repeat(depth) + '}'));
    await accounted('deep.json', text('{"resourceType":"Patient","a":' + '{"b":'.repeat(depth) + '1' + '}'.repeat(depth) + '}'));
    await accounted('deep.ndjson', text('{"resourceType":"Encounter","x":' + '['.repeat(depth) + ']'.repeat(depth) + '}\n{"resourceType":"Encounter"}\n'));
  });
});
