/**
 * Initial denials per claim for the KPI fact table. A claim is counted once, on its FIRST adjudication:
 * - with remittances (835 / EOB): core/denials decides (HFMA: the first adjudication of each claim ×
 *   payer, reversals and predeterminations set aside; denied = CLP02 4, or nothing paid and the
 *   charge written off other than to the patient);
 * - with only payment/adjustment rows that carry CARCs: the first date an insurance payment or a
 *   CARC-coded adjustment was posted to the claim; it is an initial denial when an adjustment posted
 *   that day has a denial CARC (stream.ts follows this as the postings arrive).
 */
import type { Dataset } from '../dataset';
import { firstAdjudications, isDeniedClaim } from '../denials';
import type { PayerClass, RemitLine } from '../model';

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

/** With remittances, the HFMA rules of core/denials decide: first adjudication per claim × payer, denied or not. */
export function initialDenialsFromRemittances(dataset: Dataset): InitialDenials {
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
  return { claims, source: 'remittances', note: remittanceDenialsNote(undated) };
}

/** The About sheet's note on initial denials read from remittances (`undated`: first adjudications without a payment date). */
export function remittanceDenialsNote(undated: number): string {
  return (
    "Initial denials are read from the remittances with the HFMA rules of the Denials analysis: each claim's first adjudication (reversals and predeterminations set aside) is denied when the payer denied it (CLP02 4) or paid nothing and wrote the charge off." +
    (undated > 0 ? ` ${undated} remittance claim(s) without a payment date were left out.` : '')
  );
}

/** The About sheet's note on initial denials read from adjustment reason codes. */
export const adjustmentCodeDenialsNote =
  'No remittances were imported, so initial denials are read from adjustments that carry a denial reason code (CARC) on the first day the payer acted on the claim.';
