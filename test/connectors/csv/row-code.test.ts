/**
 * Rows read by the code generated for a profile (connectors/csv/row-code.ts) give exactly what the
 * generic loops give: the same records, field for field and in the same order, the same issues and
 * the same counts, on every real fixture, on the demo practice, and on rows built to fall off the
 * generated path (unreadable, missing and refused values, duplicates, repeated headers).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { compileProfile } from '../../../connectors/csv/mapping';
import { compileRowCode } from '../../../connectors/csv/row-code';
import { useRowCode } from '../../../connectors/csv/table';
import { builtInProfiles } from '../../../connectors/profiles';
import type { ImportResult } from '../../../core/source';
import { fixturesDir } from '../../support/paths';
import { importBytes, importText } from '../helpers';

/** Imports the bytes with the generated code, then with the loops; both results. */
async function bothWays(name: string, bytes: Uint8Array, chunkSize?: number): Promise<[ImportResult, ImportResult]> {
  try {
    useRowCode(true);
    const generated = await importBytes(name, bytes, {}, chunkSize, 200);
    useRowCode(false);
    const loops = await importBytes(name, bytes, {}, chunkSize, 200);
    return [generated, loops];
  } finally {
    useRowCode(true);
  }
}

function assertSame([generated, loops]: [ImportResult, ImportResult]): void {
  assert.deepEqual(
    { rowsRead: generated.rowsRead, recordsImported: generated.recordsImported, rowsRejected: generated.rowsRejected, profile: generated.profile },
    { rowsRead: loops.rowsRead, recordsImported: loops.recordsImported, rowsRejected: loops.rowsRejected, profile: loops.profile },
    generated.file,
  );
  assert.deepEqual(generated.issues, loops.issues, `${generated.file}: issues`);
  assert.equal(generated.records.length, loops.records.length);
  for (let i = 0; i < loops.records.length; i++) {
    const a = generated.records[i] as object;
    const b = loops.records[i] as object;
    // Same fields in the same order: one object shape per record type, whichever path built it.
    assert.deepEqual(Object.keys(a), Object.keys(b), `${generated.file}: record ${i} field order`);
    assert.deepStrictEqual(a, b, `${generated.file}: record ${i}`);
  }
}

describe('generated row code', () => {
  const folders = ['epic_ehi_billing', 'synthea_csv', 'appointments', 'cms_pfs'];
  for (const folder of folders) {
    it(`reads every ${folder} fixture as the loops do`, async () => {
      const dir = join(fixturesDir, folder);
      for (const name of readdirSync(dir).sort()) {
        if (!/\.(csv|tsv)$/i.test(name)) continue;
        assertSame(await bothWays(name, new Uint8Array(readFileSync(join(dir, name)))));
      }
    });
  }

  it('reads the demo practice as the loops do, in small chunks too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'row-code-'));
    try {
      await writeDemo(generateDemo({ seed: 11, months: 4, providers: 4 }), dir);
      let compared = 0;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith('.csv')) continue;
        const bytes = new Uint8Array(readFileSync(join(dir, name)));
        assertSame(await bothWays(name, bytes));
        assertSame(await bothWays(name, bytes, 777));
        compared++;
      }
      assert.ok(compared >= 3, `demo CSV files compared: ${compared}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves rows that need an issue to the loops, with the same issues and records', async () => {
    const text = [
      'Claim ID,DOS,Post Date,CPT,Mod 1,Mod 2,Units,Charge,Ins Pmt,Adj Amt,Payer,Financial Class,Rendering NPI',
      'A1,01/02/2025,01/03/2025,99213,25,,1,120.00,80.00,-20.00,Acme Health,Commercial,1234567893',
      'A1,01/02/2025,01/03/2025,99213,25,,1,120.00,80.00,-20.00,Acme Health,Commercial,1234567893', // duplicate
      'A2,01/02/2025,01/03/2025,99214,,59,two,150.00,,,Acme Health,Commercial,1234567893', // units unreadable: warning, kept
      'A3,,01/03/2025,99215,,,1,200.00,,,Acme Health,Commercial,1234567893', // no DOS: rejected
      'A4,01/02/2025,01/03/2025,99215,,,1,lots,,,Acme Health,Commercial,1234567893', // charge unreadable: rejected
      'A5,01/02/2025,01/03/2025,,,,1,90.00,,,Acme Health,Commercial,1234567893', // no CPT: rejected
      'A6,01/02/2025,01/03/2025,99212,,,1,90.00,12.x,,Medicare,Medicare,123', // bad payment and NPI
      'Claim ID,DOS,Post Date,CPT,Mod 1,Mod 2,Units,Charge,Ins Pmt,Adj Amt,Payer,Financial Class,Rendering NPI', // header again
      ' A7 ,02/03/2025, 02/04/2025 ,99213,\u00a0,,1, 75.00 ,75.00,,Self Pay,Self Pay,1234567893', // padded cells
      'A8,02/03/2025,02/04/2025,99213,,,1,75.00,,,Self Pay,Self Pay', // ragged
    ].join('\r\n');
    const both = await bothWays('report.csv', new TextEncoder().encode(text));
    assertSame(both);
    const [generated] = both;
    const codes = new Set(generated.issues.map((i) => i.code));
    for (const code of ['duplicate-row', 'value-invalid', 'header-repeated', 'ragged-row']) assert.ok(codes.has(code), `issue ${code} in ${[...codes].join(', ')}`);
    assert.ok(generated.rowsRejected >= 4, `rows rejected: ${generated.rowsRejected}`);
    assert.ok(
      generated.records.some((r) => r.type === 'payment'),
      'payments made from the Ins Pmt column',
    );
  });

  it('gives transactions their canonical sign from the stated amount, as the loops do', async () => {
    const dir = join(fixturesDir, 'epic_ehi_billing');
    const both = await bothWays('ARPB_TRANSACTIONS.tsv', new Uint8Array(readFileSync(join(dir, 'ARPB_TRANSACTIONS.tsv'))));
    assertSame(both);
    const payments = both[0].records.filter((r) => r.type === 'payment');
    assert.ok(payments.length > 0);
    for (const p of payments) if (p.type === 'payment') assert.equal(p.amountCents, p.statedAmountCents === 0 ? 0 : -p.statedAmountCents);
  });

  it('is generated for every built-in profile, and the loops still run when it is not', async () => {
    const compiledProfiles = builtInProfiles.map((profile) => {
      const headers = Object.values(profile.inputs).map((i) => i.headers[0] ?? '');
      const compiled = compileProfile(profile, headers);
      assert.ok(compiled.ok, `${profile.id}: ${compiled.ok ? '' : compiled.error}`);
      assert.ok(compileRowCode(compiled.compiled) !== undefined, `${profile.id}: row code`);
      return compiled.compiled;
    });
    assert.ok(compiledProfiles.length >= 10, `built-in profiles: ${compiledProfiles.length}`);
    // Without code generation (a strict Content-Security-Policy), the same import works through the loops.
    const original = globalThis.Function;
    try {
      globalThis.Function = function () {
        throw new EvalError('Refused to evaluate a string as JavaScript');
      } as unknown as FunctionConstructor;
      assert.equal(compileRowCode(compiledProfiles[0] as (typeof compiledProfiles)[number]), undefined);
      const result = await importText('charges.csv', 'key,claim_id,service_date,procedure_code,charge_amount\nK1,C1,2025-01-02,99213,120.00\n');
      assert.equal(result.recordsImported, 1);
      const [charge] = result.records;
      assert.ok(charge?.type === 'charge');
      assert.deepEqual([charge.key, charge.claimId, charge.serviceDate, charge.procedureCode, charge.chargeCents], ['K1', 'C1', '2025-01-02', '99213', 12000]);
    } finally {
      globalThis.Function = original;
    }
  });
});
