import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import { assembleDataset } from '../../../core/dataset';
import { ChargeLine, Transaction } from '../../../core/model';
import { buildKpiWorkbook, kpiSheets } from '../../../core/plan/kpi-workbook';
import { isFormulaCell, type WorkbookPlan } from '../../../core/plan/types';
import { validatePlan } from '../../../core/plan/validate';
import { renderXlsx } from '../../../render/xlsx';
import { smallPractice } from '../kpi/small-practice';
import { compareWithPlan, describeMismatches, recalculateMany, type RecalculatedWorkbook } from '../../support/libreoffice';
import { fixture } from '../../support/paths';

/** The KPI workbook of a folder of real exports (Synthea, Epic), whose gaps (no A/R, no appointments) shape the plan differently. */
async function fixturePlan(...parts: string[]): Promise<WorkbookPlan> {
  const dir = fixture(...parts);
  const results = [];
  for (const name of readdirSync(dir).sort()) results.push(await importSource(sourceFromBytes(name, new Uint8Array(readFileSync(join(dir, name))))));
  return buildKpiWorkbook(assembleDataset(results), { practiceName: parts.join(' ') });
}

const HOSTILE_PROVIDER = '=HYPERLINK("http://x","y")';
const HOSTILE_PAYER = '+1+1';
const lineage = { source: 'hostile.csv', profile: 'test' };

/** The small practice plus one claim whose provider and payer names look like formulas. */
function hostilePlan(): WorkbookPlan {
  const extra = [
    ChargeLine.parse({
      type: 'charge', key: 'h1', lineage, claimId: 'H1', serviceDate: '2024-02-12', postDate: '2024-02-13', chargeCents: 5000, procedureCode: '99212',
      patientKey: 'p9', renderingProviderId: 'H', renderingProviderName: HOSTILE_PROVIDER, payerId: 'HP', payerName: HOSTILE_PAYER, payerClass: 'commercial',
    }),
    Transaction.parse({ type: 'payment', key: 'h2', lineage, claimId: 'H1', postDate: '2024-03-01', amountCents: 4000, statedAmountCents: -4000 }),
  ];
  return buildKpiWorkbook(smallPractice(extra), { practiceName: 'Small practice' });
}

/** The same plan with the gross collection rate of the Dashboard's report month reading charges over charges. */
function brokenPlan(plan: WorkbookPlan): WorkbookPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((s) =>
      s.name !== kpiSheets.dashboard
        ? s
        : { ...s, cells: s.cells.map((c) => (c.at === 'F8' && isFormulaCell(c) ? { ...c, formula: c.formula.replace('Facts[Payments]', 'Facts[Charges]') } : c)) },
    ),
  };
}

describe('core/plan/kpi-workbook', function () {
  this.timeout(180_000);
  const plan = hostilePlan();
  let good: RecalculatedWorkbook;
  let broken: RecalculatedWorkbook;
  let real: { plan: WorkbookPlan; recalculated: RecalculatedWorkbook }[] = [];

  before(async () => {
    const realPlans = [await fixturePlan('synthea_csv'), await fixturePlan('epic_ehi_billing')];
    // One soffice run for every workbook: startup dominates the cost.
    const all = await recalculateMany([await renderXlsx(plan), await renderXlsx(brokenPlan(plan)), ...(await Promise.all(realPlans.map((p) => renderXlsx(p))))]);
    [good, broken] = all as [RecalculatedWorkbook, RecalculatedWorkbook];
    real = realPlans.map((p, i) => ({ plan: p, recalculated: all[i + 2] as RecalculatedWorkbook }));
  });

  describe('buildKpiWorkbook', () => {
    it('has the sheets of the issue, share-safe', () => {
      assert.deepEqual(
        plan.sheets.map((s) => s.name),
        // Denials: the dataset's adjustments carry denial reason codes (core/plan/kpi/denials.ts).
        ['About', 'Dashboard', 'KPI by month', 'KPI by provider', 'KPI by location', 'Payer mix', 'Denials', 'Data - denials', 'Definitions', 'Data', 'Data - A-R aging', 'Data - distinct counts', 'Import log'],
      );
      assert.equal(plan.shareSafe, true);
    });

    it('builds a valid plan with every KPI "n/a" for a dataset with nothing in it', () => {
      const empty = buildKpiWorkbook(assembleDataset([]));
      assert.deepEqual(validatePlan(empty), []);
      const dashboard = empty.sheets.find((s) => s.name === kpiSheets.dashboard);
      const values = dashboard?.cells.filter((c) => /^[C-F]\d+$/.test(c.at) && Number(c.at.slice(1)) >= 7) ?? [];
      assert.ok(values.length > 40);
      for (const c of values) assert.equal(isFormulaCell(c) ? c.expected : c.value, 'n/a', c.at);
    });

    it('passes the plan validator', () => {
      assert.deepEqual(validatePlan(plan), []);
    });

    it('makes every target a user-owned input keyed by KPI id', () => {
      const dashboard = plan.sheets.find((s) => s.name === kpiSheets.dashboard);
      const targets = dashboard?.cells.filter((c) => c.userKey?.startsWith('target:')) ?? [];
      assert.ok(targets.some((c) => c.userKey === 'target:net_collection_rate' && !isFormulaCell(c) && c.value === 0.95));
      assert.ok(targets.every((c) => c.style === 'input'));
    });

    it('computes the Dashboard trailing-12-month gross collection rate by hand', () => {
      // Report month April 2024: payments May 2023–Apr 2024 = 60 + 150 + 120 + 40 = 370 (the May 2024 payment is after it);
      // charges 100 + 200 + 300 + 50 = 650.
      const cell = plan.sheets.find((s) => s.name === kpiSheets.dashboard)?.cells.find((c) => c.at === 'F8');
      assert.ok(cell && isFormulaCell(cell));
      assert.ok(Math.abs((cell.expected as number) - (60 + 150 + 120 + 40) / 650) < 1e-12);
    });
  });

  describe('recalculated by LibreOffice', () => {
    it('gives every formula cell the value the core computed', () => {
      const mismatches = compareWithPlan(plan, good);
      assert.equal(mismatches.length, 0, describeMismatches(mismatches));
    });

    it('gives the value the core computed on the Synthea and Epic workbooks too', () => {
      assert.equal(real.length, 2);
      for (const { plan: p, recalculated } of real) {
        const mismatches = compareWithPlan(p, recalculated);
        assert.equal(mismatches.length, 0, `${p.title}\n${describeMismatches(mismatches)}`);
      }
    });

    it('fails when a KPI formula is wrong', () => {
      const mismatches = compareWithPlan(plan, broken);
      assert.deepEqual(
        mismatches.map((m) => `${m.sheet}!${m.ref}`),
        ['Dashboard!F8'],
      );
    });

    it('keeps formula-looking provider and payer names as literal text', () => {
      const byProvider = plan.sheets.find((s) => s.name === kpiSheets.byProvider);
      const nameCell = byProvider?.cells.find((c) => !isFormulaCell(c) && typeof c.value === 'string' && c.value.includes('HYPERLINK'));
      assert.ok(nameCell, 'the hostile provider has a row');
      assert.equal(good.value(kpiSheets.byProvider, nameCell.at), HOSTILE_PROVIDER);
      const payerMix = plan.sheets.find((s) => s.name === kpiSheets.payerMix);
      const payerCell = payerMix?.cells.find((c) => !isFormulaCell(c) && c.value === `'${HOSTILE_PAYER}`);
      assert.ok(payerCell, 'the hostile payer has a row');
      assert.equal(good.value(kpiSheets.payerMix, payerCell.at), HOSTILE_PAYER);
      // and in the Data table the formulas read
      const sheet = good.workbook.getWorksheet(kpiSheets.data);
      const texts: unknown[] = [];
      sheet?.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
      assert.ok(texts.includes(HOSTILE_PROVIDER));
      assert.ok(texts.includes(HOSTILE_PAYER));
    });
  });
});
