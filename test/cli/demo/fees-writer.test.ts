/**
 * The contracts engine on the demo practice: the fee schedules written here, imported through the
 * connectors, and the demo's adjudicated claim lines as RemitLines exactly as an 835 states them
 * (paid, CAS adjustments, no AMT*B6, so the allowed amount is rebuilt from paid + PR + CO-253).
 * Every deliberately underpaid line must be found and classified, and no correctly paid line flagged.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeDemoFeeSchedules } from '../../../cli/demo/fees-writer';
import { generateDemo } from '../../../cli/demo/generate';
import type { DemoModel } from '../../../cli/demo/model';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import { contractBook } from '../../../core/contracts/book';
import { comparePayments } from '../../../core/contracts/expected-vs-paid';
import type { RemitLine } from '../../../core/model';

/** The demo's remittances as 835 service lines. */
function remitLines(model: DemoModel): RemitLine[] {
  const payers = new Map(model.practice.payers.map((p) => [p.payerId, p]));
  const out: RemitLine[] = [];
  for (const claim of model.claims) {
    for (const a of claim.adjudications) {
      for (const line of a.lines) {
        out.push({
          type: 'remit-line', key: `${a.paymentId}|${claim.claimId}|${a.sequence}|${line.lineNumber}`, lineage: { source: 'demo.835', profile: 'x12-835' },
          payerId: a.payerId, payerName: payers.get(a.payerId)?.name, payerClass: 'unknown', paymentId: a.paymentId, paymentDate: a.paidOn, claimId: claim.claimId,
          payerControlNumber: a.payerClaimControlNumber, claimStatus: a.claimStatus, lineNumber: String(line.lineNumber), procedureCode: line.procedureCode,
          modifiers: [...line.modifiers], chargeCents: line.chargeCents, paidCents: line.paidCents, units: line.units, serviceDate: claim.serviceDate,
          adjustments: line.adjustments.map((x) => ({ group: x.group, reason: x.carc, amountCents: x.amountCents })), remarkCodes: [],
        });
      }
    }
  }
  return out;
}

describe('cli/demo/fees-writer', () => {
  describe('writeDemoFeeSchedules', () => {
    let dir: string;
    let model: DemoModel;
    before(function () {
      this.timeout(60_000);
      dir = mkdtempSync(join(tmpdir(), 'pw-demo-fees-'));
      model = generateDemo({ months: 6, providers: 8, endMonth: '2025-09' });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a fee schedule per contracted payer that the connectors read without an issue', async () => {
      const files = writeDemoFeeSchedules(model, dir);
      assert.equal(files.length, model.practice.payers.length - 1 + 1); // no self-pay schedule; one terms file
      for (const f of files) {
        const r = await importSource(sourceFromBytes(basename(f.path), readFileSync(f.path)));
        assert.equal(r.profile, basename(f.path) === 'contract-terms.csv' ? 'contract-terms' : 'fee-schedule', f.path);
        assert.deepEqual([r.recordsImported, r.rowsRejected, r.issues.length], [f.rows, 0, 0], f.path);
      }
    });

    it('finds and classifies every deliberately underpaid line, and flags no correctly paid line', async () => {
      const files = writeDemoFeeSchedules(model, dir);
      const records = [];
      for (const f of files) records.push(...(await importSource(sourceFromBytes(basename(f.path), readFileSync(f.path)))).records);
      const lines = remitLines(model);
      const checks = comparePayments(contractBook(records), lines);
      assert.ok(model.truth.underpayments.length > 20, 'the demo has underpayments to find');

      const key = (claimId: string, line: number | string) => `${claimId}|${line}`;
      const underpaid = new Map(model.truth.underpayments.map((u) => [key(u.claimId, u.lineNumber), u]));
      const found = new Set<string>();
      checks.forEach((c, i) => {
        const line = lines[i] as RemitLine;
        const k = key(c.claimId, c.lineNumber);
        assert.notEqual(c.classification, 'not-priced', `${k} ${c.reason}`);
        const truth = underpaid.get(k);
        const denied = line.paidCents === 0 && line.adjustments.every((a) => a.group === 'CO' && a.reason !== '45');
        if (truth !== undefined && !denied) {
          assert.equal(c.classification, 'underpaid-contractual', `${k}: ${c.reason}`);
          // The schedule rounds the rate per unit; the simulation rounds units × rate once: at most a cent per unit apart.
          assert.ok(Math.abs((c.varianceCents ?? 0) - truth.shortfallCents) <= truth.units, `${k}: variance ${c.varianceCents}, shortfall ${truth.shortfallCents}`);
          found.add(k);
        } else if (denied) {
          assert.ok(c.classification === 'denial' || c.classification === 'bundling', `${k}: ${c.classification}`);
        } else {
          assert.equal(c.flagged, false, `${k} paid as contracted but flagged: ${c.reason}`);
        }
      });
      assert.equal(found.size, underpaid.size);
    });
  });
});
