/**
 * ExplanationOfBenefit → RemitClaim + RemitLine (what the payer decided, like an 835), plus the
 * money that moved, as Transactions: one `payment` for `EOB.payment.amount` and one `adjustment`
 * per contractual (CO) reason, dated by `payment.date`, else by `created` (the adjudication). Collections KPIs sum Transactions; remittance records carry the
 * adjudication detail (allowed, patient responsibility, reasons) and are never added to them, so
 * nothing is counted twice.
 *
 * Adjudication categories, by code of the HL7 `adjudication` system, CARIN Blue Button
 * (`C4BBAdjudication`) and the CMS Blue Button variables Synthea writes:
 *   submitted (line_sbmtd_chrg_amt)            → charge
 *   eligible (line_alowd_chrg_amt)             → allowed
 *   benefit, paidtoprovider (line_prvdr_pmt_amt), paidtopatient (line_bene_pmt_amt) → paid
 *   deductible (line_bene_ptb_ddctbl_amt)      → adjustment PR-1
 *   coinsurance (line_coinsrnc_amt)            → adjustment PR-2
 *   copay                                      → adjustment PR-3
 *   noncovered                                 → adjustment CO-96
 *   priorpayerpaid (line_bene_prmry_pyr_pd_amt) → adjustment OA-23
 *   submitted − eligible − noncovered, when positive → adjustment CO-45 (the contractual write-off)
 * Everything else (eligpercent, tax, unallocdeduct, memberliability, processing indicators) is ignored.
 */
import { messages } from '../../core/messages';
import type { Adjustment, CanonicalRecord, RemitClaim, RemitLine, Transaction } from '../../core/model';
import { preferredCode } from './codings';
import { containedReferents, type FileContext, type ResourceLocation } from './context';
import { focalCoverage, primaryCareTeam } from './claims';
import { fallbackId } from './references';
import type { Adjudication, ExplanationOfBenefit } from './schemas';

type Category = 'submitted' | 'eligible' | 'paid' | 'deductible' | 'coinsurance' | 'copay' | 'noncovered' | 'priorpayerpaid';

const CATEGORY_BY_CODE: Readonly<Record<string, Category>> = {
  submitted: 'submitted',
  eligible: 'eligible',
  benefit: 'paid',
  paidtoprovider: 'paid',
  paidtopatient: 'paid',
  deductible: 'deductible',
  coinsurance: 'coinsurance',
  copay: 'copay',
  noncovered: 'noncovered',
  priorpayerpaid: 'priorpayerpaid',
  line_sbmtd_chrg_amt: 'submitted',
  line_alowd_chrg_amt: 'eligible',
  line_prvdr_pmt_amt: 'paid',
  line_bene_pmt_amt: 'paid',
  line_bene_ptb_ddctbl_amt: 'deductible',
  line_coinsrnc_amt: 'coinsurance',
  line_bene_prmry_pyr_pd_amt: 'priorpayerpaid',
};

/** CAS group and CARC for the categories that are adjustments. */
const ADJUSTMENT_OF: Partial<Record<Category, { group: string; reason: string }>> = {
  deductible: { group: 'PR', reason: '1' },
  coinsurance: { group: 'PR', reason: '2' },
  copay: { group: 'PR', reason: '3' },
  noncovered: { group: 'CO', reason: '96' },
  priorpayerpaid: { group: 'OA', reason: '23' },
};

export function categoryOf(a: Adjudication): Category | undefined {
  for (const c of a.category.coding ?? []) {
    const code = c.code?.trim();
    if (code === undefined) continue;
    const last = code.includes('/') ? code.slice(code.lastIndexOf('/') + 1) : code;
    const bySystemTail = c.system?.slice(c.system.lastIndexOf('/') + 1);
    const category = CATEGORY_BY_CODE[last] ?? (bySystemTail !== undefined ? CATEGORY_BY_CODE[bySystemTail] : undefined);
    if (category !== undefined) return category;
  }
  return undefined;
}

interface Sums {
  submitted?: number;
  eligible?: number;
  paid?: number;
  byCategory: Map<Category, number>;
}

function sumAdjudications(list: readonly Adjudication[] | undefined, ctx: FileContext, at: ResourceLocation, field: string): Sums {
  const byCategory = new Map<Category, number>();
  for (const a of list ?? []) {
    const category = categoryOf(a);
    if (category === undefined) continue;
    const cents = ctx.cents(a.amount, field, at);
    if (cents === undefined) continue;
    byCategory.set(category, (byCategory.get(category) ?? 0) + cents);
  }
  const pick = (c: Category) => byCategory.get(c);
  const sums: Sums = { byCategory };
  const submitted = pick('submitted');
  const eligible = pick('eligible');
  const paid = pick('paid');
  if (submitted !== undefined) sums.submitted = submitted;
  if (eligible !== undefined) sums.eligible = eligible;
  if (paid !== undefined) sums.paid = paid;
  return sums;
}

function adjustmentsOf(sums: Sums, charge: number | undefined): Adjustment[] {
  const out: Adjustment[] = [];
  for (const [category, amount] of sums.byCategory) {
    const kind = ADJUSTMENT_OF[category];
    if (kind !== undefined && amount !== 0) out.push({ group: kind.group, reason: kind.reason, amountCents: amount });
  }
  if (charge !== undefined && sums.eligible !== undefined) {
    const contractual = charge - sums.eligible - (sums.byCategory.get('noncovered') ?? 0);
    if (contractual > 0) out.push({ group: 'CO', reason: '45', amountCents: contractual });
  }
  return out;
}

/** X12 CLP02-style status: 22 for a voided EOB, 4 when the payer reports an error outcome, else 1 (processed). */
function claimStatusOf(e: ExplanationOfBenefit): string {
  if (e.status === 'cancelled' || e.status === 'entered-in-error') return '22';
  if (e.outcome === 'error') return '4';
  return '1';
}

export interface RemitTotals {
  /** Σ EOB.payment.amount. */
  eobPaymentCents: number;
}

export function mapExplanationOfBenefit(e: ExplanationOfBenefit, ctx: FileContext, at: ResourceLocation, totals: RemitTotals): { records: CanonicalRecord[]; rejected: boolean } {
  const contained = containedReferents(e.contained);
  const claimReferent = e.claim === undefined ? undefined : ctx.resolve(e.claim, contained, 'claim', at);
  const claimId =
    claimReferent?.id ??
    (e.claim !== undefined ? fallbackId(e.claim) : undefined) ??
    e.identifier?.find((i) => /clm_id|claim/i.test(i.system ?? ''))?.value ??
    e.id;
  const payer = ctx.payer(focalCoverage(e.insurance) ?? e.insurer, contained, at);
  const insurer = e.insurer === undefined ? {} : ctx.payer(e.insurer, contained, at);
  const payerFields = {
    payerClass: payer.payerClass !== undefined && payer.payerClass !== 'unknown' ? payer.payerClass : (insurer.payerClass ?? 'unknown'),
    ...((payer.payerId ?? insurer.payerId) !== undefined ? { payerId: (payer.payerId ?? insurer.payerId) as string } : {}),
    ...((payer.payerName ?? insurer.payerName) !== undefined ? { payerName: (payer.payerName ?? insurer.payerName) as string } : {}),
  };
  const patientKey = ctx.patientKey(e.patient);
  const rendering = ctx.provider(primaryCareTeam(e.careTeam) ?? e.provider, contained, at);
  const claimStatus = claimStatusOf(e);
  // Without payment.date, the day the EOB was created (the adjudication) stands in: Synthea writes no payment date.
  const paymentDate = ctx.date(e.payment?.date, 'ExplanationOfBenefit.payment.date', at) ?? ctx.date(e.created, 'ExplanationOfBenefit.created', at);
  const paymentId = e.payment?.identifier?.value?.trim() || undefined;
  const common = {
    lineage: ctx.lineage(at),
    claimId,
    claimStatus,
    payerControlNumber: e.id,
    ...payerFields,
    ...(paymentDate !== undefined ? { paymentDate } : {}),
    ...(paymentId !== undefined ? { paymentId } : {}),
  };

  const records: CanonicalRecord[] = [];
  const lines: RemitLine[] = [];
  const serviceDates: string[] = [];
  (e.item ?? []).forEach((item, i) => {
    const serviceDate = ctx.date(item.servicedDate ?? item.servicedPeriod?.start, `ExplanationOfBenefit.item[${i}].serviced`, at);
    if (serviceDate !== undefined) serviceDates.push(serviceDate);
    if ((item.adjudication?.length ?? 0) === 0) return;
    const sequence = item.sequence ?? i + 1;
    const code = preferredCode(item.productOrService);
    if (code === undefined) {
      ctx.report('fhir-required-missing', 'error', messages.fhirRequiredMissing('ExplanationOfBenefit', `${e.id} item ${sequence}`, 'productOrService'), at);
      return;
    }
    const sums = sumAdjudications(item.adjudication, ctx, at, `ExplanationOfBenefit.item[${i}].adjudication.amount`);
    const charge = sums.submitted ?? ctx.cents(item.net, `ExplanationOfBenefit.item[${i}].net`, at) ?? 0;
    const quantity = item.quantity?.value;
    lines.push({
      type: 'remit-line',
      key: `${e.id}:${sequence}`,
      ...common,
      lineNumber: String(sequence),
      procedureQualifier: code.system,
      procedureCode: code.code,
      modifiers: (item.modifier ?? []).map((m) => preferredCode(m)?.code).filter((m): m is string => m !== undefined),
      chargeCents: charge,
      paidCents: sums.paid ?? 0,
      units: quantity !== undefined && quantity > 0 ? quantity : 1,
      ...(serviceDate !== undefined ? { serviceDate } : {}),
      ...(sums.eligible !== undefined ? { allowedCents: sums.eligible } : {}),
      adjustments: adjustmentsOf(sums, charge),
      remarkCodes: [],
    });
  });

  // Claim level: EOB.total by category, the header adjudication, else the lines added up.
  const totalsByCategory = sumAdjudications(
    (e.total ?? []).map((t) => ({ category: t.category, amount: t.amount })),
    ctx,
    at,
    'ExplanationOfBenefit.total.amount',
  );
  const header = sumAdjudications(e.adjudication, ctx, at, 'ExplanationOfBenefit.adjudication.amount');
  const lineSum = (pick: (l: RemitLine) => number | undefined) => (lines.some((l) => pick(l) !== undefined) ? lines.reduce((s, l) => s + (pick(l) ?? 0), 0) : undefined);
  const chargeCents = totalsByCategory.submitted ?? lineSum((l) => l.chargeCents) ?? 0;
  const payment = ctx.cents(e.payment?.amount, 'ExplanationOfBenefit.payment.amount', at);
  const paidCents = payment ?? totalsByCategory.paid ?? lineSum((l) => l.paidCents) ?? 0;
  const allowedCents = totalsByCategory.eligible ?? lineSum((l) => l.allowedCents);
  const claimAdjustments = adjustmentsOf(header, undefined);
  const allAdjustments = [...claimAdjustments, ...lines.flatMap((l) => l.adjustments)];
  const patientResponsibility = allAdjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0);
  const sortedDates = [...serviceDates].sort();
  const from = sortedDates[0] ?? ctx.date(e.billablePeriod?.start, 'ExplanationOfBenefit.billablePeriod.start', at);
  const to = sortedDates[sortedDates.length - 1] ?? from;
  const remitClaim: RemitClaim = {
    type: 'remit-claim',
    key: e.id,
    ...common,
    chargeCents,
    paidCents,
    ...(allAdjustments.length > 0 ? { patientResponsibilityCents: patientResponsibility } : {}),
    ...(patientKey !== undefined ? { patientKey } : {}),
    ...(rendering.renderingNpi !== undefined ? { renderingNpi: rendering.renderingNpi } : {}),
    ...(from !== undefined ? { serviceDateFrom: from } : {}),
    ...(to !== undefined ? { serviceDateTo: to } : {}),
    adjustments: claimAdjustments,
    remarkCodes: [],
    ...(allowedCents !== undefined ? { allowedCents } : {}),
  };
  records.push(remitClaim, ...lines);
  if (payment !== undefined) totals.eobPaymentCents += payment;

  // The money: a payment, and contractual write-offs, dated by the payment date (else the EOB's creation).
  if (claimStatus !== '22') {
    const postDate = paymentDate;
    const party = {
      payerClass: payerFields.payerClass,
      ...(payerFields.payerId !== undefined ? { payerId: payerFields.payerId } : {}),
      ...(payerFields.payerName !== undefined ? { payerName: payerFields.payerName } : {}),
      ...(patientKey !== undefined ? { patientKey } : {}),
      ...rendering,
      ...ctx.location(e.facility, contained, at),
      ...(from !== undefined ? { serviceDate: from } : {}),
    };
    if (postDate === undefined) {
      if (paidCents !== 0) ctx.report('fhir-required-missing', 'warning', messages.fhirRequiredMissing('ExplanationOfBenefit', e.id, 'payment.date or created (the payment is not counted as collected)'), at);
    } else {
      if (paidCents !== 0) {
        const paymentRecord: Transaction = {
          type: 'payment',
          key: `${e.id}:payment`,
          lineage: ctx.lineage(at),
          transactionId: paymentId ?? e.id,
          claimId,
          postDate,
          amountCents: paidCents,
          statedAmountCents: paidCents,
          paymentSource: 'insurance',
          ...party,
        };
        records.push(paymentRecord);
      }
      const contractual = new Map<string, number>();
      for (const a of allAdjustments) if (a.group === 'CO') contractual.set(a.reason, (contractual.get(a.reason) ?? 0) + a.amountCents);
      for (const [reason, amount] of contractual) {
        if (amount === 0) continue;
        const adjustment: Transaction = {
          type: 'adjustment',
          key: `${e.id}:CO-${reason}`,
          lineage: ctx.lineage(at),
          transactionId: e.id,
          claimId,
          postDate,
          amountCents: amount,
          statedAmountCents: amount,
          paymentSource: 'insurance',
          reasonGroup: 'CO',
          reasonCode: reason,
          ...party,
        };
        records.push(adjustment);
      }
    }
  }
  return { records, rejected: false };
}
