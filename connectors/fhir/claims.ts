/**
 * Claim → one ChargeLine per billed item.
 *
 * A line's charge is `item.net`, else `unitPrice × quantity`. The first item without an amount is
 * billed too, for the part of `Claim.total` the other lines do not state (0 when there is none):
 * Synthea writes the visit's own cost (and costs it does not itemise, such as medications ordered
 * at the visit) only into `Claim.total`, on a visit line that has no `net`. So Σ charges =
 * Σ Claim.total whenever the total is at least what the lines state; when the lines state more
 * (or there is no line to take the rest), they are kept as stated and a warning gives both amounts.
 * Further items with no amount (Synthea lists the visit's diagnoses as items) are not charges and
 * are counted in `claimItemsWithoutAmount`.
 */
import { messages } from '../../core/messages';
import type { CanonicalRecord, ChargeLine } from '../../core/model';
import { roundCents } from '../../core/money';
import { preferredCode } from './codings';
import { containedReferents, MAX_AMOUNT_CENTS, type FileContext, type ResourceLocation } from './context';
import { fallbackId, type ContainedReferents, type Referent } from './references';
import type { Claim, ClaimItem, Reference } from './schemas';

export interface ClaimTotals {
  /** Σ Claim.total of claims that produced charges. */
  claimTotalCents: number;
  /** Items without an amount that took no share of the total. */
  claimItemsWithoutAmount: number;
  /** Cents moved from Claim.total onto a line with no amount of its own. */
  claimTotalNotItemisedCents: number;
}

/** Claims that are not bills: cancelled or entered in error, or estimates rather than claims. */
function notABill(c: Claim): boolean {
  return c.status === 'cancelled' || c.status === 'entered-in-error' || c.use === 'preauthorization' || c.use === 'predetermination';
}

/** The focal coverage (or the first by sequence): the payer the claim is billed to. */
export function focalCoverage(insurance: Claim['insurance']): Reference | undefined {
  const list = insurance ?? [];
  const focal = list.find((i) => i.focal === true) ?? [...list].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))[0];
  return focal?.coverage;
}

/** The primary care-team member (role `primary`), else the first. */
export function primaryCareTeam(careTeam: Claim['careTeam']): Reference | undefined {
  const list = careTeam ?? [];
  const primary = list.find((m) => (m.role?.coding ?? []).some((c) => c.code === 'primary')) ?? list[0];
  return primary?.provider;
}

/** The encounter a claim's items belong to, from the first item that names one. */
function encounterOf(items: readonly ClaimItem[], ctx: FileContext, at: ResourceLocation): { id?: string; referent?: Referent } {
  const reference = items.find((i) => (i.encounter?.length ?? 0) > 0)?.encounter?.[0];
  if (reference === undefined) return {};
  const referent = ctx.resolve(reference, undefined, 'encounter', at);
  const id = referent?.id ?? fallbackId(reference);
  return { ...(id !== undefined ? { id } : {}), ...(referent !== undefined ? { referent } : {}) };
}

/** Diagnosis codes by diagnosis sequence, from codeable concepts or referenced Conditions. */
function diagnosesOf(c: Claim, ctx: FileContext, contained: ContainedReferents | undefined): Map<number, string> {
  const out = new Map<number, string>();
  (c.diagnosis ?? []).forEach((d, i) => {
    const code = preferredCode(d.diagnosisCodeableConcept)?.code ?? ctx.index.resolve(d.diagnosisReference, contained)?.code;
    if (code !== undefined) out.set(d.sequence ?? i + 1, code);
  });
  return out;
}

export function mapClaim(c: Claim, ctx: FileContext, at: ResourceLocation, totals: ClaimTotals): { records: CanonicalRecord[]; rejected: boolean } {
  if (notABill(c)) return { records: [], rejected: false };
  const contained = containedReferents(c.contained);
  const items = c.item ?? [];
  const encounter = encounterOf(items, ctx, at);
  const visit = encounter.referent?.encounter;

  // Who, where, which payer: claim fields first, the visit's as fallback.
  const billing = c.provider === undefined ? undefined : ctx.resolve(c.provider, contained, 'billing provider', at);
  const billingId = billing?.id ?? (c.provider !== undefined ? fallbackId(c.provider) : undefined);
  const billedByOrganization = billing?.resourceType === 'Organization' || (billing === undefined && /Organization/.test(c.provider?.reference ?? ''));
  const billingFields = billedByOrganization
    ? { ...(billingId !== undefined ? { billingProviderId: billingId } : {}), ...(billing?.npi !== undefined ? { billingNpi: billing.npi } : {}) }
    : {};
  const renderingReference =
    primaryCareTeam(c.careTeam) ?? (billing?.resourceType === 'Practitioner' ? c.provider : undefined) ?? visit?.provider;
  const rendering = ctx.provider(renderingReference, contained, at);
  const location = ctx.location(c.facility ?? visit?.location ?? visit?.serviceProvider, contained, at);
  const payer = ctx.payer(focalCoverage(c.insurance), contained, at);
  const patientKey = ctx.patientKey(c.patient);
  const diagnoses = diagnosesOf(c, ctx, contained);
  const claimDate = ctx.date(c.billablePeriod?.start ?? c.created ?? visit?.date, 'Claim.billablePeriod.start', at);
  // The day the claim was created is the day its charges were billed: the post date charge lag counts to.
  const postDate = ctx.date(c.created, 'Claim.created', at);

  // Amounts per item, then the part of Claim.total no item states.
  const amounts = items.map((item, i) => lineAmount(item, ctx, at, `Claim.item[${i}]`));
  const total = ctx.cents(c.total, 'Claim.total', at);
  const stated = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const holder = amounts.findIndex((a) => a === undefined);
  const difference = total === undefined ? 0 : total - stated;
  if (holder !== -1) {
    // The first item without an amount is billed: it takes the unstated rest of the total, else nothing.
    amounts[holder] = Math.max(0, difference);
    totals.claimTotalNotItemisedCents += Math.max(0, difference);
  }
  if (difference < 0 || (difference > 0 && holder === -1)) {
    ctx.report('fhir-claim-total-mismatch', 'warning', messages.fhirClaimTotalMismatch(c.id, total ?? 0, stated), at);
  }

  const records: CanonicalRecord[] = [];
  let lineProblems = 0;
  items.forEach((item, i) => {
    const chargeCents = amounts[i];
    if (chargeCents === undefined) {
      totals.claimItemsWithoutAmount++;
      return;
    }
    const sequence = item.sequence ?? i + 1;
    const code = preferredCode(item.productOrService);
    const serviceDate = ctx.date(item.servicedDate ?? item.servicedPeriod?.start, `Claim.item[${i}].serviced`, at) ?? claimDate;
    if (code === undefined || serviceDate === undefined) {
      lineProblems++;
      ctx.report('fhir-required-missing', 'error', messages.fhirRequiredMissing('Claim', `${c.id} item ${sequence}`, code === undefined ? 'productOrService' : 'a service date'), at);
      return;
    }
    const modifiers = (item.modifier ?? []).map((m) => preferredCode(m)?.code).filter((m): m is string => m !== undefined);
    const quantity = item.quantity?.value;
    const units = quantity !== undefined && quantity > 0 ? quantity : 1;
    const placeOfService = preferredCode(item.locationCodeableConcept)?.code;
    const diagnosisCodes = (item.diagnosisSequence ?? [...diagnoses.keys()]).map((s) => diagnoses.get(s)).filter((d): d is string => d !== undefined);
    const itemLocation = item.locationReference ? ctx.location(item.locationReference, contained, at) : location;
    const line: ChargeLine = {
      type: 'charge',
      key: `${c.id}:${sequence}`,
      lineage: ctx.lineage(at),
      claimId: c.id,
      lineNumber: String(sequence),
      serviceDate,
      ...(postDate !== undefined ? { postDate } : {}),
      procedureCode: code.code,
      procedureCodeSystem: code.system,
      ...(code.display !== undefined ? { procedureDescription: code.display } : {}),
      modifiers,
      units,
      chargeCents,
      diagnosisCodes: [...new Set(diagnosisCodes)],
      payerClass: payer.payerClass ?? 'unknown',
      ...(placeOfService !== undefined ? { placeOfService } : {}),
      ...(patientKey !== undefined ? { patientKey } : {}),
      ...(encounter.id !== undefined ? { encounterId: encounter.id } : {}),
      ...rendering,
      ...billingFields,
      ...itemLocation,
      ...(payer.payerId !== undefined ? { payerId: payer.payerId } : {}),
      ...(payer.payerName !== undefined ? { payerName: payer.payerName } : {}),
    };
    records.push(line);
  });
  if (records.length > 0 && total !== undefined) totals.claimTotalCents += total;
  // A claim whose every line was unusable is rejected; one with some good lines keeps them.
  return { records, rejected: records.length === 0 && lineProblems > 0 };
}

/** `net`, else `unitPrice × quantity` (rounded once, half away from zero), else undefined. */
function lineAmount(item: ClaimItem, ctx: FileContext, at: ResourceLocation, field: string): number | undefined {
  const net = ctx.cents(item.net, `${field}.net`, at);
  if (net !== undefined) return net;
  const unitPrice = item.unitPrice?.value;
  if (unitPrice === undefined || !Number.isFinite(unitPrice)) return undefined;
  const quantity = item.quantity?.value ?? 1;
  const cents = unitPrice * 100 * quantity;
  if (!Number.isFinite(cents) || Math.abs(cents) > MAX_AMOUNT_CENTS) {
    ctx.report('fhir-amount-invalid', 'error', messages.fhirFieldInvalid(`${field}.unitPrice`, String(unitPrice)), at);
    return undefined;
  }
  return roundCents(cents);
}
