/**
 * The demo's 837P and 835 files read back through connectors/x12 with no issue, and the denial
 * analytics and matching over them agree with the simulation's own truth.
 */
import { strict as assert } from 'node:assert';
import { deniedLines, initialDenialRate, matchRemittances } from '../../../core/denials';
import type { ChargeLine, RemitClaim, RemitLine } from '../../../core/model';
import { daysBetween } from '../../../core/period';
import type { ImportResult } from '../../../core/source';
import { generateDemo } from '../../../cli/demo/generate';
import { demo835Files, demo837pFiles } from '../../../cli/demo/x12-writer';
import { sourceFromBytes } from '../../../connectors/source';
import { import835, import837p } from '../../../connectors/x12';

describe('cli/demo/x12-writer', () => {
  const model = generateDemo({ months: 3, providers: 8 });
  const billable = new Set(model.practice.payers.filter((p) => p.plan !== 'self_pay').map((p) => p.payerId));
  let remits: ImportResult[] = [];
  let claims: ImportResult[] = [];

  before(async () => {
    const read = async (files: Map<string, { text: string }>, importer: typeof import835) =>
      Promise.all([...files].map(([month, f]) => importer(sourceFromBytes(`${month}.x12`, new TextEncoder().encode(f.text)))));
    remits = await read(demo835Files(model), import835);
    claims = await read(demo837pFiles(model), import837p);
  });

  const records = <T>(results: ImportResult[], type: string) => results.flatMap((r) => r.records.filter((x) => x.type === type) as T[]);

  describe('demo835Files / demo837pFiles', () => {
    it('writes files that import with no issue and no rejected segment', () => {
      for (const r of [...remits, ...claims]) {
        assert.deepEqual(r.issues, [], r.file);
        assert.equal(r.rowsRejected, 0);
      }
    });

    it('remits every adjudication of the simulation, with its paid amount', () => {
      const adjudications = model.claims.flatMap((c) => c.adjudications);
      const paid = adjudications.reduce((s, a) => s + a.lines.reduce((t, l) => t + l.paidCents, 0), 0);
      assert.equal(records<RemitClaim>(remits, 'remit-claim').length, adjudications.length);
      assert.equal(remits.reduce((s, r) => s + (r.extraSummary as { paidCents: number }).paidCents, 0), paid);
      assert.equal(remits.reduce((s, r) => s + (r.extraSummary as { totalPaymentCents: number }).totalPaymentCents, 0), paid);
    });

    it('bills every insured claim line with its charge, rendering NPI and diagnoses', () => {
      const insured = model.claims.filter((c) => billable.has(c.payerId));
      const lines = records<ChargeLine>(claims, 'charge');
      assert.equal(lines.length, insured.reduce((s, c) => s + c.lines.length, 0));
      assert.equal(
        lines.reduce((s, l) => s + l.chargeCents, 0),
        insured.reduce((s, c) => s + c.lines.reduce((t, l) => t + l.chargeCents, 0), 0),
      );
      const npis = new Map(model.practice.providers.map((p) => [p.providerId, p.npi]));
      const first = insured[0];
      const line = lines.find((l) => l.claimId === first?.claimId);
      assert.equal(line?.renderingNpi, npis.get(first?.renderingProviderId ?? ''));
      assert.equal(line?.submittedDate, first?.postDate);
      assert.deepEqual(line?.diagnosisCodes, first?.lines[0]?.diagnosisCodes.map((d) => d.replace('.', '')));
    });
  });

  describe('denial analytics over the demo files', () => {
    it('finds each denied line of the simulation once, and the overturned ones as paid later', () => {
      const input = { remitClaims: records<RemitClaim>(remits, 'remit-claim'), remitLines: records<RemitLine>(remits, 'remit-line') };
      const found = deniedLines(input);
      const truth = model.truth.denials;
      assert.equal(found.length, truth.length);
      assert.equal(found.reduce((s, l) => s + l.chargeCents, 0), truth.reduce((s, d) => s + d.chargeCents, 0));
      assert.equal(found.filter((l) => l.overturned).length, truth.filter((d) => d.outcome === 'overturned').length);
      const byReason = (reason: string) => [found.filter((l) => l.reason === reason).length, truth.filter((d) => d.carc === reason).length];
      for (const carc of new Set(truth.map((d) => d.carc))) assert.deepEqual(byReason(carc)[0], byReason(carc)[1], `CARC ${carc}`);
    });

    it('counts claims whose first adjudication denied them as initial denials', () => {
      const input = { remitClaims: records<RemitClaim>(remits, 'remit-claim'), remitLines: records<RemitLine>(remits, 'remit-line') };
      const rate = initialDenialRate(input);
      const adjudicated = model.claims.filter((c) => c.adjudications.length > 0);
      assert.equal(rate.claimsAdjudicated, adjudicated.length);
      assert.equal(rate.claimsDenied, adjudicated.filter((c) => c.adjudications[0]?.claimStatus === '4').length);
    });

    it('measures submission-to-payment lag as the simulation scheduled it', () => {
      const match = matchRemittances({
        charges: records<ChargeLine>(claims, 'charge'),
        remitClaims: records<RemitClaim>(remits, 'remit-claim'),
        remitLines: records<RemitLine>(remits, 'remit-line'),
      });
      const lags = model.claims
        .filter((c) => c.adjudications.length > 0)
        .map((c) => daysBetween(c.postDate, c.adjudications[0]?.paidOn ?? c.postDate));
      assert.equal(match.lag.claims, lags.length);
      assert.equal(match.lag.fromSubmission, lags.length);
      assert.ok(Math.abs((match.lag.meanDays ?? 0) - lags.reduce((s, d) => s + d, 0) / lags.length) < 1e-9);
      assert.deepEqual(match.paidNotBilled, []);
      assert.deepEqual(match.recodedLines, []);
    });
  });
});
