import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generateDemo } from '../../../cli/demo/generate';
import { FICTIONAL_FIRST_NAMES, FICTIONAL_LAST_NAMES, isValidNpi } from '../../../cli/demo/practice';
import { generateLarge, writeDemo } from '../../../cli/demo/write-csv';

/** Parses a CSV independently of our writer (papaparse), header row first. */
function table(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}
const rows = (path: string) => table(path).slice(1);
/** "$1,234.50" / "($45.00)" / "12.30" → cents, written out here rather than with our money parser. */
const cents = (text: string) => {
  const negative = text.startsWith('(') || text.startsWith('-');
  const [whole = '0', fraction = '00'] = text.replace(/[()$,-]/g, '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -value : value;
};

describe('cli/demo/write-csv', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'demo-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe('writeDemo', () => {
    const options = { months: 4, providers: 8, endMonth: '2026-10' } as const;
    let dir = '';
    before(async () => {
      dir = tempDir();
      await writeDemo(generateDemo({ ...options, seed: 1 }), dir);
    });

    it('writes byte-identical files for the same seed and different files for another seed', async () => {
      const again = tempDir();
      await writeDemo(generateDemo({ ...options, seed: 1 }), again);
      const other = tempDir();
      await writeDemo(generateDemo({ ...options, seed: 2 }), other);
      const files = ['charges.csv', 'transactions.csv', 'appointments.csv', 'encounters.csv', 'providers.csv', 'payers.csv', 'locations.csv', 'README.txt', join('pm-report', 'charges_report.csv')];
      for (const f of files) assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(again, f))), f);
      for (const f of ['charges.csv', 'transactions.csv', 'appointments.csv']) assert.ok(!readFileSync(join(dir, f)).equals(readFileSync(join(other, f))), f);
    });

    it('writes exactly the agreed files and headers', () => {
      assert.deepEqual(readdirSync(dir).sort(), ['README.txt', 'appointments.csv', 'charges.csv', 'encounters.csv', 'locations.csv', 'payers.csv', 'pm-report', 'providers.csv', 'transactions.csv']);
      const firstLine = (f: string) => (readFileSync(join(dir, f), 'utf8').split(/\r?\n/)[0] ?? '');
      assert.equal(firstLine('charges.csv'), 'key,claim_id,line_number,service_date,post_date,patient_id,encounter_id,rendering_provider_id,rendering_provider_name,rendering_npi,billing_provider_id,billing_npi,location_id,location_name,payer_id,payer_name,payer_class,procedure_code,modifiers,units,charge_amount,diagnosis_codes,place_of_service');
      assert.equal(firstLine('transactions.csv'), 'key,transaction_type,transaction_id,claim_id,line_number,post_date,service_date,patient_id,encounter_id,rendering_provider_id,location_id,payer_id,payer_name,payer_class,payment_source,method,reason_group,reason_code,procedure_code,amount');
      assert.equal(firstLine('appointments.csv'), 'key,appointment_id,patient_id,rendering_provider_id,rendering_provider_name,location_id,location_name,visit_type,booked_at,scheduled_for,status,cancelled_at,arrived_at,roomed_at,seen_at,checked_out_at,new_patient,payer_class');
      assert.equal(firstLine('encounters.csv'), 'key,encounter_id,date,patient_id,rendering_provider_id,rendering_provider_name,location_id,location_name,payer_id,payer_name,payer_class,encounter_class,visit_type,new_patient');
      assert.equal(firstLine('providers.csv'), 'provider_id,name,npi,specialty');
      assert.equal(firstLine('payers.csv'), 'payer_id,name,payer_class');
      assert.equal(firstLine('locations.csv'), 'location_id,name');
      assert.equal(firstLine(join('pm-report', 'charges_report.csv')), '\ufeff"Patient Acct #","Claim #","DOS","Post Date","Rendering Provider","Location","Primary Insurance","Fin Class","CPT","Mod 1","Mod 2","Units","Charges","Ins Pmt","Pt Pmt","Adj Amt","Dx 1","Dx 2","POS"');
    });

    it('formats money, dates, ids and lists as agreed', () => {
      const charges = rows(join(dir, 'charges.csv'));
      for (const r of charges) {
        assert.equal(r.length, 23);
        assert.match(r[3] ?? '', /^\d{4}-\d{2}-\d{2}$/);
        assert.match(r[5] ?? '', /^A\d{7}$/);
        assert.ok(isValidNpi(r[9] ?? ''));
        assert.match(r[20] ?? '', /^\d+\.\d{2}$/);
        assert.match(r[21] ?? '', /^[A-Z]\d{2}(\.\w+)?(;[A-Z]\d{2}(\.\w+)?)*$/);
        assert.equal(r[0], `${r[1]}-${r[2]}`);
      }
      for (const r of rows(join(dir, 'transactions.csv'))) {
        assert.ok(['payment', 'adjustment', 'transfer'].includes(r[1] ?? ''));
        assert.match(r[19] ?? '', /^\d+\.\d{2}$/);
      }
      for (const r of rows(join(dir, 'appointments.csv'))) {
        assert.match(r[9] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        assert.ok(['scheduled', 'completed', 'no_show', 'cancelled', 'late_cancel'].includes(r[10] ?? ''));
        assert.ok(r[16] === 'Y' || r[16] === 'N');
      }
    });

    it('names only fictional providers built from the fictional name lists', () => {
      for (const [, name = '', npi = ''] of rows(join(dir, 'providers.csv'))) {
        const words = name.replace(/^Dr\. /, '').replace(/, (NP|PA-C)$/, '').split(' ');
        assert.equal(words.length, 2, name);
        assert.ok((FICTIONAL_FIRST_NAMES as readonly string[]).includes(words[0] ?? ''), name);
        assert.ok((FICTIONAL_LAST_NAMES as readonly string[]).includes(words[1] ?? ''), name);
        assert.ok(isValidNpi(npi));
      }
      assert.match(readFileSync(join(dir, 'README.txt'), 'utf8'), /FICTIONAL/);
    });

    it('ties the PM report to charges.csv and transactions.csv, line by line', () => {
      const charges = rows(join(dir, 'charges.csv'));
      const report = rows(join(dir, 'pm-report', 'charges_report.csv'));
      assert.equal(report.length, charges.length);
      const perLine = new Map<string, { ins: number; pt: number; adj: number }>();
      for (const r of rows(join(dir, 'transactions.csv'))) {
        const k = `${r[3]}-${r[4]}`;
        const v = perLine.get(k) ?? { ins: 0, pt: 0, adj: 0 };
        const amount = cents(r[19] ?? '');
        if (r[1] === 'payment' && r[14] === 'insurance') v.ins += amount;
        else if (r[1] === 'payment') v.pt += amount;
        else if (r[1] === 'adjustment') v.adj += amount;
        perLine.set(k, v);
      }
      charges.forEach((c, i) => {
        const r = report[i] ?? [];
        assert.equal(r[0], c[5]);
        assert.equal(r[1], c[1]);
        assert.equal(r[2], `${c[3]?.slice(5, 7)}/${c[3]?.slice(8, 10)}/${c[3]?.slice(0, 4)}`);
        assert.equal(r[8], c[17]);
        assert.equal(cents(r[12] ?? ''), cents(c[20] ?? ''));
        const v = perLine.get(c[0] ?? '') ?? { ins: 0, pt: 0, adj: 0 };
        assert.equal(cents(r[13] ?? ''), v.ins, `${c[0]} Ins Pmt`);
        assert.equal(cents(r[14] ?? ''), v.pt, `${c[0]} Pt Pmt`);
        assert.equal(cents(r[15] ?? '') + v.adj, 0, `${c[0]} Adj Amt`);
        if (v.adj > 0) assert.match(r[15] ?? '', /^\(\$[\d,]+\.\d{2}\)$/);
      });
    });
  });

  describe('generateLarge', () => {
    it('writes exactly the asked number of charge lines and only the ledger rows of those lines', async () => {
      const dir = tempDir();
      const result = await generateLarge({ chargeLines: 5_003, outDir: dir, seed: 8 });
      const charges = rows(join(dir, 'charges.csv'));
      assert.equal(charges.length, 5_003);
      assert.equal(result.charges.rows, 5_003);
      assert.equal(result.charges.bytes, readFileSync(join(dir, 'charges.csv')).byteLength);
      const lines = new Set(charges.map((r) => r[0]));
      const tx = rows(join(dir, 'transactions.csv'));
      assert.equal(tx.length, result.transactions?.rows);
      assert.ok(tx.length > 5_003);
      for (const t of tx) assert.ok(lines.has(`${t[3]}-${t[4]}`), `${t[0]} posts to a line that was not written`);
    });

    it('writes the same bytes for the same seed', async () => {
      const a = tempDir();
      const b = tempDir();
      await generateLarge({ chargeLines: 2_000, outDir: a, seed: 8, transactions: false });
      await generateLarge({ chargeLines: 2_000, outDir: b, seed: 8, transactions: false });
      assert.ok(readFileSync(join(a, 'charges.csv')).equals(readFileSync(join(b, 'charges.csv'))));
      assert.deepEqual(readdirSync(a), ['charges.csv']);
    });
  });
});
