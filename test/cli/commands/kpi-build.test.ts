/**
 * The KPI commands end to end on a small demo practice (3 months, 8 providers): `practice kpi --json`
 * against values computed here from the raw CSV rows, `practice build` recalculated by LibreOffice,
 * and a scan of every cell of the built workbook for patient identifiers.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadInputs } from '../../../cli/commands/build';
import type { KpiLine } from '../../../cli/commands/kpi';
import { generateDemo } from '../../../cli/demo/generate';
import { writeDemo } from '../../../cli/demo/write-csv';
import { main } from '../../../cli/main';
import { aggregate } from '../../../core/aggregate';
import { buildKpiWorkbook } from '../../../core/plan/kpi-workbook';
import { compareWithPlan, describeMismatches, recalculate } from '../../support/libreoffice';
import { fixture } from '../../support/paths';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}

/** A minimal CSV reader for the demo files (quoted fields allowed), independent of our connectors. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...data] = csvRows(path);
  return data.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** "12.30" → 1230, by the digits. */
function cents(text: string): number {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

describe('cli/commands/kpi and build', function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'kpi-cli-'));
  const data = join(dir, 'demo-data');
  let lines: KpiLine[] = [];
  let month = '';

  before(async () => {
    await writeDemo(generateDemo({ months: 3, providers: 8, seed: 11, endMonth: '2026-03' }), data);
    const { io, out } = fakeIo(dir);
    assert.equal(await main(['kpi', 'demo-data', '--json'], io), 0);
    lines = (JSON.parse(out.join('\n')) as { kpis: KpiLine[] }).kpis;
    month = lines[0]?.period ?? '';
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const kpi = (id: string) => {
    const l = lines.find((x) => x.id === id && x.by === undefined);
    assert.ok(l, id);
    return l;
  };

  describe('practice kpi --json', () => {
    it('reports the last closed month of the export', () => {
      assert.equal(month, '2026-03');
    });

    it('gives the gross collection rate of the raw rows: Σ payments posted in the month ÷ Σ charges with service in the month (cents)', () => {
      const payments = readCsv(join(data, 'transactions.csv'))
        .filter((r) => r.transaction_type === 'payment' && r.post_date?.startsWith(month))
        .reduce((s, r) => s + cents(r.amount ?? '0'), 0);
      const charges = readCsv(join(data, 'charges.csv'))
        .filter((r) => r.service_date?.startsWith(month))
        .reduce((s, r) => s + cents(r.charge_amount ?? '0'), 0);
      const l = kpi('gross_collection_rate');
      assert.equal(l.numerator, payments);
      assert.equal(l.denominator, charges);
      assert.ok(Math.abs((l.value ?? 0) - payments / charges) < 1e-12);
    });

    it('counts encounters, unique patients and no-shows of the raw rows', () => {
      const encounters = readCsv(join(data, 'encounters.csv')).filter((r) => r.date?.startsWith(month));
      assert.equal(kpi('encounters').value, encounters.length);
      assert.equal(kpi('unique_patients').value, new Set(encounters.map((r) => r.patient_id)).size);
      const appts = readCsv(join(data, 'appointments.csv')).filter((r) => r.scheduled_for?.startsWith(month));
      const noShows = appts.filter((r) => r.status === 'no_show').length;
      const completed = appts.filter((r) => r.status === 'completed').length;
      assert.equal(kpi('no_show_rate').value, noShows / (completed + noShows));
    });

    it('says wRVUs are not available without the CMS RVU file, and money is in cents', () => {
      const w = kpi('wrvus_per_provider');
      assert.equal(w.status, 'unavailable');
      assert.equal(w.reason, 'not available: needs the CMS RVU file');
      assert.equal(w.value, null);
      const avg = kpi('avg_payment_per_encounter');
      assert.equal(avg.unit, 'money');
      assert.equal(avg.value, (avg.numerator ?? 0) / (avg.denominator ?? 1));
    });

    it('lists payer mix per payer class, adding up to 100%', () => {
      const mix = lines.filter((l) => l.id === 'payer_mix_charges');
      assert.ok(mix.length >= 3);
      assert.ok(Math.abs(mix.reduce((s, l) => s + (l.value ?? 0), 0) - 1) < 1e-12);
    });

    it('breaks the KPIs down by provider with --by provider', async () => {
      const { io, out } = fakeIo(dir);
      assert.equal(await main(['kpi', 'demo-data', '--json', '--by', 'provider'], io), 0);
      const byProvider = (JSON.parse(out.join('\n')) as { kpis: KpiLine[] }).kpis.filter((l) => l.id === 'encounters');
      assert.equal(byProvider.length, 8);
      assert.equal(byProvider.reduce((s, l) => s + (l.value ?? 0), 0), kpi('encounters').value);
    });
  });

  describe('practice kpi with the CMS RVU file', () => {
    it('gives wRVUs per provider = Σ work RVU × units of the month’s charge lines (PPRRVU rows read here) ÷ providers seen', async () => {
      const rvuFile = fixture('cms_pfs', 'PPRRVU25_JAN1.csv');
      const { io, out } = fakeIo(dir);
      assert.equal(await main(['kpi', 'demo-data', rvuFile, '--json'], io), 0);
      const w = (JSON.parse(out.join('\n')) as { kpis: KpiLine[] }).kpis.find((l) => l.id === 'wrvus_per_provider' && l.by === undefined);
      assert.ok(w && w.status === 'ok', JSON.stringify(w));
      const work = new Map<string, number>();
      for (const r of csvRows(rvuFile)) if (r[0] !== undefined && /^[0-9A-Z]{5}$/.test(r[0]) && r[5] !== undefined && r[5] !== '') work.set(`${r[0]}|${r[1] ?? ''}`, Number(r[5]));
      let total = 0;
      const providers = new Set<string>();
      for (const c of readCsv(join(data, 'charges.csv')).filter((r) => r.service_date?.startsWith(month))) {
        const mods = (c.modifiers ?? '').split(';').filter((m) => m !== '');
        const modded = mods.map((m) => work.get(`${c.procedure_code}|${m}`)).find((v) => v !== undefined);
        total += (modded ?? work.get(`${c.procedure_code}|`) ?? 0) * Number(c.units);
      }
      for (const e of readCsv(join(data, 'encounters.csv'))) if (e.date?.startsWith(month)) providers.add(e.rendering_provider_id ?? '');
      assert.ok(total > 100);
      assert.ok(Math.abs((w.numerator ?? 0) - total) < 1e-6, `${w.numerator} vs ${total}`);
      assert.equal(w.denominator, providers.size);
    });
  });

  describe('usage', () => {
    it('exits 1 with the usage for missing inputs or options, 2 for a path that does not exist', async () => {
      const a = fakeIo(dir);
      assert.equal(await main(['kpi'], a.io), 1);
      assert.match(a.err.join('\n'), /Usage: practice kpi/);
      const b = fakeIo(dir);
      assert.equal(await main(['kpi', 'demo-data', '--by', 'week'], b.io), 1);
      const c = fakeIo(dir);
      assert.equal(await main(['kpi', 'no-such-folder'], c.io), 2);
      const d = fakeIo(dir);
      assert.equal(await main(['build', '--in', 'demo-data'], d.io), 1);
      assert.match(d.err.join('\n'), /--out WORKBOOK\.xlsx is required/);
    });
  });

  describe('practice build', () => {
    it('writes a workbook that LibreOffice recalculates to the plan, with no patient identifier in any cell', async () => {
      const { io, out } = fakeIo(dir);
      assert.equal(await main(['build', '--in', 'demo-data', '--out', 'kpi.xlsx', '--name', 'Demo'], io), 0);
      assert.match(out.join('\n'), /Wrote kpi\.xlsx/);

      // The same plan the command rendered, rebuilt here, is what LibreOffice must reproduce.
      const loaded = await loadInputs([data], dir);
      const plan = buildKpiWorkbook(loaded.dataset, { practiceName: 'Demo', generatedBy: 'Practice Workbench (practice build)' }, aggregate(loaded.dataset));
      const recalculated = await recalculate(join(dir, 'kpi.xlsx'));
      const mismatches = compareWithPlan(plan, recalculated);
      assert.equal(mismatches.length, 0, describeMismatches(mismatches));

      // Patient identifiers: raw patient ids of every file and the pseudonymous keys made of them.
      const identifiers = new Set<string>();
      for (const file of ['charges.csv', 'transactions.csv', 'appointments.csv', 'encounters.csv'])
        for (const r of readCsv(join(data, file))) if (r.patient_id) identifiers.add(r.patient_id);
      for (const r of [...loaded.dataset.charges, ...loaded.dataset.encounters, ...loaded.dataset.appointments]) if (r.patientKey) identifiers.add(r.patientKey);
      assert.ok(identifiers.size > 100);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, 'kpi.xlsx'));
      let cells = 0;
      const found: string[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            cells += 1;
            const text = typeof cell.value === 'string' ? cell.value : JSON.stringify(cell.value ?? '');
            for (const token of text.split(/[^A-Za-z0-9]+/)) if (identifiers.has(token)) found.push(`${sheet.name}!${cell.address}: ${token}`);
          }),
        ),
      );
      assert.ok(cells > 1000);
      assert.deepEqual(found, []);
    });
  });
});
