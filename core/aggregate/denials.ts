/**
 * Initial denials per claim for the KPI fact table. A claim is counted once, on its FIRST adjudication:
 * - with remittances (835 / EOB): core/denials decides (HFMA: the first adjudication of each claim ×
 *   payer, reversals and predeterminations set aside; denied = CLP02 4, or nothing paid and the
 *   charge written off other than to the patient);
 * - with only payment/adjustment rows that carry CARCs: the first date an insurance payment or a
 *   CARC-coded adjustment was posted to the claim; it is an initial denial when an adjustment posted
 *   that day has a denial CARC.
 */
import type { Dataset } from '../dataset';
import { firstAdjudications, isDeniedClaim } from '../denials';
import type { PayerClass, RemitLine } from '../model';
import { carcOf, classifyAdjustment } from './reason-codes';

export interface AdjudicatedClaim {
  readonly claimId: string;
  /** Date of the first adjudication (payment date or post date). */
  readonly date: string;
  readonly chargeCents: number;
  readonly denied: boolean;
  /** Who the claim is reported under when it has no charge lines in the dataset. */
  readonly parties: { payerId?: string | undefined; payerName?: string | undefined; payerClass: PayerClass };
}

export interface InitialDenials {
  readonly claims: readonly AdjudicatedClaim[];
  readonly source: 'remittances' | 'adjustment-reason-codes' | 'none';
  readonly note: string | undefined;
}

export function initialDenials(dataset: Dataset): InitialDenials {
  if (dataset.remitClaims.length > 0) return fromRemittances(dataset);
  return fromTransactions(dataset);
}

/** With remittances, the HFMA rules of core/denials decide: first adjudication per claim × payer, denied or not. */
function fromRemittances(dataset: Dataset): InitialDenials {
  const lines = new Map<string, RemitLine[]>();
  for (const line of dataset.remitLines) {
    if (line.claimKey === undefined) continue;
    const list = lines.get(line.claimKey);
    if (list === undefined) lines.set(line.claimKey, [line]);
    else list.push(line);
  }
  const claims: AdjudicatedClaim[] = [];
  let undated = 0;
  for (const rc of firstAdjudications(dataset.remitClaims)) {
    if (rc.paymentDate === undefined) {
      undated += 1;
      continue;
    }
    claims.push({
      claimId: rc.claimId,
      date: rc.paymentDate,
      chargeCents: rc.chargeCents,
      denied: isDeniedClaim(rc, lines.get(rc.key) ?? []),
      parties: { payerId: rc.payerId, payerName: rc.payerName, payerClass: rc.payerClass },
    });
  }
  const note =
    "Initial denials are read from the remittances with the HFMA rules of the Denials analysis: each claim's first adjudication (reversals and predeterminations set aside) is denied when the payer denied it (CLP02 4) or paid nothing and wrote the charge off." +
    (undated > 0 ? ` ${undated} remittance claim(s) without a payment date were left out.` : '');
  return { claims, source: 'remittances', note };
}

function fromTransactions(dataset: Dataset): InitialDenials {
  const coded = dataset.transactions.some((t) => t.type === 'adjustment' && carcOf(t.reasonCode) !== undefined);
  if (!coded) return { claims: [], source: 'none', note: undefined };
  const chargeCents = new Map<string, number>();
  for (const c of dataset.charges) chargeCents.set(c.claimId, (chargeCents.get(c.claimId) ?? 0) + c.chargeCents);
  const byClaim = new Map<string, { date: string; denied: boolean; parties: AdjudicatedClaim['parties'] }>();
  for (const t of dataset.transactions) {
    if (t.claimId === undefined) continue;
    const insurance =
      (t.type === 'payment' && t.paymentSource !== 'patient') ||
      (t.type === 'adjustment' && carcOf(t.reasonCode) !== undefined && t.reasonGroup?.toUpperCase() !== 'PR');
    if (!insurance) continue;
    const denial = t.type === 'adjustment' && classifyAdjustment(t.reasonGroup, t.reasonCode) === 'denial';
    const seen = byClaim.get(t.claimId);
    if (seen === undefined || t.postDate < seen.date)
      byClaim.set(t.claimId, { date: t.postDate, denied: denial, parties: { payerId: t.payerId, payerName: t.payerName, payerClass: t.payerClass } });
    else if (t.postDate === seen.date && denial) seen.denied = true;
  }
  const claims = [...byClaim.entries()].map(([claimId, c]) => ({ claimId, date: c.date, chargeCents: chargeCents.get(claimId) ?? 0, denied: c.denied, parties: c.parties }));
  return {
    claims,
    source: 'adjustment-reason-codes',
    note: 'No remittances were imported, so initial denials are read from adjustments that carry a denial reason code (CARC) on the first day the payer acted on the claim.',
  };
}
