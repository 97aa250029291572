import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../../cli/main';
import { MappingProfileSchema } from '../../../connectors/profiles';
import { fixture, repoRoot } from '../../support/paths';

const run = promisify(execFile);

/** Runs the real `practice` binary; resolves with exit code, stdout and stderr. */
async function practice(args: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'bin', 'practice.js'), ...args], { cwd, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}

/** Σ of a money column over rows whose type column has a value, from the raw text. */
function columnSum(path: string, sep: string, typeColumn: string, type: string, amountColumn: string): number {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const names = (header ?? '').split(sep);
  const t = names.indexOf(typeColumn);
  const a = names.indexOf(amountColumn);
  let total = 0;
  for (const row of rows) {
    const cells = row.split(sep);
    if (cells[t] !== type) continue;
    const text = cells[a] ?? '0';
    const negative = text.startsWith('-');
    const [whole = '0', frac = ''] = text.replace('-', '').split('.');
    const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
    total += negative ? -cents : cents;
  }
  return total;
}

describe('cli/commands/inspect', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pw-inspect-'));
    writeFileSync(join(dir, 'logo.png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(dir, 'odd.csv'), 'When,What,How much,Ref\n2024-01-02,99213,10.00,R1\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('command.run', () => {
    it('prints one JSON object with the files, their counts, issues and totals tied to the exports (real CLI)', async function () {
      this.timeout(60_000);
      const epic = fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv');
      const synthea = fixture('synthea_csv', 'claims_transactions.csv');
      const { code, stdout, stderr } = await practice(['inspect', epic, synthea, fixture('appointments'), '--json']);
      assert.equal(code, 0, stderr);
      const parsed = JSON.parse(stdout) as { files: Record<string, unknown>[] };
      assert.deepEqual(Object.keys(parsed), ['files']);
      assert.equal(parsed.files.length, 3);
      for (const f of parsed.files) {
        for (const key of ['file', 'format', 'profile', 'rowsRead', 'recordsImported', 'rowsRejected', 'issues', 'summary']) assert.ok(key in f, `${key} in ${String(f.file)}`);
        assert.equal(f.rowsRead, (f.recordsImported as number) + (f.rowsRejected as number));
        const s = f.summary as Record<string, unknown>;
        for (const key of ['recordsByType', 'chargeCents', 'paymentCents', 'adjustmentCents', 'firstDate', 'lastDate']) assert.ok(key in s, key);
      }
      const [e, s, k] = parsed.files as { file: string; format: string; profile: string; rowsRead: number; summary: Record<string, number | string> }[];
      assert.equal(e?.format, 'tsv');
      assert.equal(e?.profile, 'epic-arpb-transactions');
      assert.equal(e?.summary.chargeCents, columnSum(epic, '\t', 'TX_TYPE_C_NAME', 'Charge', 'AMOUNT'));
      assert.equal(e?.summary.paymentCents, columnSum(epic, '\t', 'TX_TYPE_C_NAME', 'Payment', 'AMOUNT'));
      assert.equal(e?.summary.adjustmentCents, columnSum(epic, '\t', 'TX_TYPE_C_NAME', 'Adjustment', 'AMOUNT'));
      assert.equal(s?.summary.chargeCents, columnSum(synthea, ',', 'TYPE', 'CHARGE', 'AMOUNT'));
      assert.equal(s?.summary.paymentCents, columnSum(synthea, ',', 'TYPE', 'PAYMENT', 'PAYMENTS'));
      assert.equal(s?.summary.firstDate, '1977-08-06');
      assert.equal(k?.profile, 'kaggle-no-shows');
      assert.equal(k?.rowsRead, 20000);
      assert.match(k?.file ?? '', /KaggleV2-May-2016\.first20000rows\.csv$/);
    });

    it('exits 2 with a one-line reason per unreadable file, still printing JSON for the others (real CLI)', async function () {
      this.timeout(60_000);
      const payers = fixture('synthea_csv', 'payers.csv');
      const { code, stdout, stderr } = await practice(['inspect', join(dir, 'logo.png'), join(dir, 'missing.csv'), payers, '--json']);
      assert.equal(code, 2);
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0] ?? '', /logo\.png: this is a PNG image/);
      assert.match(lines[1] ?? '', /missing\.csv: no such file or folder/);
      const parsed = JSON.parse(stdout) as { files: { rowsRead: number; profile: string | null; issues: { code: string }[] }[] };
      assert.equal(parsed.files.length, 3);
      assert.equal(parsed.files[0]?.issues[0]?.code, 'file-unreadable');
      assert.equal(parsed.files[2]?.profile, 'synthea-payers');
      assert.equal(parsed.files[2]?.rowsRead, 10);
    });

    it('shows the mapping of an unknown layout, saves it as a profile, and reads the file with it once edited', async () => {
      const first = fakeIo(dir);
      assert.equal(await main(['inspect', 'odd.csv', '--json', '--save-profile', 'odd.json'], first.io), 0);
      const report = JSON.parse(first.out.join('\n')) as { files: { recordsImported: number; mapping: { headers: string[]; missingRequired: string[] } }[] };
      assert.equal(report.files[0]?.recordsImported, 0);
      assert.deepEqual(report.files[0]?.mapping.headers, ['When', 'What', 'How much', 'Ref']);
      assert.ok(report.files[0]?.mapping.missingRequired.includes('procedureCode'));
      const saved = JSON.parse(readFileSync(join(dir, 'odd.json'), 'utf8')) as {
        inputs: Record<string, { headers: string[] }>;
        records: unknown;
      };
      assert.ok(MappingProfileSchema.safeParse(saved).success);
      // The user assigns the columns, as the saved profile invites.
      saved.inputs.serviceDate = { ...saved.inputs.serviceDate, headers: ['When'] };
      saved.inputs.procedureCode = { ...saved.inputs.procedureCode, headers: ['What'] };
      saved.inputs.chargeCents = { ...saved.inputs.chargeCents, headers: ['How much'] };
      saved.inputs.claimId = { ...saved.inputs.claimId, headers: ['Ref'] };
      writeFileSync(join(dir, 'odd-edited.json'), JSON.stringify(saved));
      const second = fakeIo(dir);
      assert.equal(await main(['inspect', 'odd.csv', '--json', '--profile', 'odd-edited.json'], second.io), 0);
      const again = JSON.parse(second.out.join('\n')) as { files: { recordsImported: number; summary: { chargeCents: number } }[] };
      assert.equal(again.files[0]?.recordsImported, 1);
      assert.equal(again.files[0]?.summary.chargeCents, 1000);
    });

    it('exits 2 for an old .xls workbook and for a format no importer reads yet, saying what to do', async () => {
      writeFileSync(join(dir, 'old.xls'), Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      writeFileSync(join(dir, 'inst.txt'), 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*00501*000000001*0*P*:~GS*HC*A*B*20240101*1200*1*X*005010X223A2~ST*837*0001*005010X223A2~');
      const { io, err } = fakeIo(dir);
      assert.equal(await main(['inspect', 'old.xls', 'inst.txt', '--json'], io), 2);
      assert.match(err[0] ?? '', /old\.xls: .*save it as \.xlsx or CSV/);
      assert.match(err[1] ?? '', /inst\.txt: files of this kind \(x12\) cannot be imported yet/);
    });

    it('prints a compact table per file, and refuses bad options as usage errors', async () => {
      const { io, out } = fakeIo(dir);
      assert.equal(await main(['inspect', fixture('epic_ehi_billing', 'CLARITY_SER.tsv')], io), 0);
      const text = out.join('\n');
      assert.match(text, /profile epic-clarity-ser/);
      assert.match(text, /24 read, 24 imported, 0 rejected/);
      const bad = fakeIo(dir);
      assert.equal(await main(['inspect', '--profile', 'nope', 'odd.csv'], bad.io), 1);
      assert.match(bad.err.join('\n'), /no built-in profile "nope"/);
      assert.equal(await main(['inspect'], fakeIo(dir).io), 1);
    });
  });
});
