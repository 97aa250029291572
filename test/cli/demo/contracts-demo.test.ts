/**
 * Acceptance on the demo practice, end to end through files: the demo's fee schedules (fees-writer)
 * and its 835 remittances (x12-writer) are imported through `importSource` like any user's files, and
 * every remittance line is priced. Every deliberately underpaid line (the simulation's truth) must be
 * found and classified as underpaid, and no correctly paid line may be flagged.
 */
import { strict as assert } from 'node:assert';
import { contractedPayers, contractTermsCsv, feeScheduleCsv } from '../../../cli/demo/fees-writer';
import { generateDemo } from '../../../cli/demo/generate';
import { demo835Files } from '../../../cli/demo/x12-writer';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import { contractBook } from '../../../core/contracts/book';
import { comparePayments } from '../../../core/contracts/expected-vs-paid';
import { assembleDataset } from '../../../core/dataset';
import { contractRecords } from '../../../core/plan/contracts-workbook';

describe('cli/demo (contracts acceptance)', () => {
  describe('demo835Files + writeDemoFeeSchedules', () => {
    it('finds and classifies every deliberately underpaid line in the demo 835s, and flags no correctly paid line', async function () {
      this.timeout(120_000);
      const model = generateDemo({ months: 6, providers: 8, endMonth: '2025-09' });
      const enc = new TextEncoder();
      const results = [];
      for (const p of contractedPayers(model)) results.push(await importSource(sourceFromBytes(`fee-schedule-${p.payerId}.csv`, enc.encode(feeScheduleCsv(model, p)))));
      results.push(await importSource(sourceFromBytes('contract-terms.csv', enc.encode(contractTermsCsv(model)))));
      for (const [name, file] of demo835Files(model)) results.push(await importSource(sourceFromBytes(`${name}.835`, enc.encode(file.text))));
      const dataset = assembleDataset(results);
      assert.ok(dataset.remitLines.length > 1000);
      const checks = comparePayments(contractBook(contractRecords(dataset)), dataset.remitLines);

      // Truth from the simulation: underpaid lines, and the lines of each adjudication the payer denied.
      const key = (claimId: string, line: number | string) => `${claimId}|${line}`;
      const underpaid = new Map(model.truth.underpayments.map((u) => [key(u.claimId, u.lineNumber), u]));
      const denied = new Set<string>();
      for (const claim of model.claims) for (const a of claim.adjudications) for (const l of a.lines) if (l.allowedCents === 0) denied.add(key(`${a.paymentId}|${claim.claimId}`, l.lineNumber));
      assert.ok(underpaid.size > 20);

      const found = new Set<string>();
      checks.forEach((c, i) => {
        const line = dataset.remitLines[i];
        // REF*6R line control numbers are "<claim>-<line>".
        const lineNumber = Number(/(\d+)$/.exec(c.lineNumber)?.[1]);
        const k = key(c.claimId, lineNumber);
        assert.notEqual(c.classification, 'not-priced', `${k}: ${c.reason}`);
        const wasDenied = line !== undefined && denied.has(key(`${line.paymentId}|${c.claimId}`, lineNumber));
        const truth = underpaid.get(k);
        if (wasDenied) assert.ok(c.classification === 'denial' || c.classification === 'bundling', `${k}: ${c.classification}`);
        else if (truth !== undefined) {
          assert.equal(c.classification, 'underpaid-contractual', `${k}: ${c.reason}`);
          assert.ok(Math.abs((c.varianceCents ?? 0) - truth.shortfallCents) <= truth.units, `${k}: variance ${c.varianceCents}, shortfall ${truth.shortfallCents}`);
          found.add(k);
        } else assert.equal(c.flagged, false, `${k} paid as contracted but flagged: ${c.reason}`);
      });
      assert.equal(found.size, underpaid.size);
    });
  });
});
