/**
 * The demo's export layouts as pure functions: headers and one row of text per model object.
 * The canonical layout (charges, transactions, appointments, encounters, lookups) is what our own
 * `canonical` profile reads; the PM-report layout exercises header synonyms and US formatting.
 * write-csv.ts puts these rows on disk.
 */
import type { Cents } from '../../core/money';
import { payerClassLabels } from '../../core/model';
import type { DemoAppointment, DemoClaim, DemoClaimLine, DemoEncounter, DemoTransaction } from './generate';
import type { LocationDef, PayerDef, Practice, ProviderDef } from './practice';

export const HEADERS = {
  charges: ['key', 'claim_id', 'line_number', 'service_date', 'post_date', 'patient_id', 'encounter_id', 'rendering_provider_id', 'rendering_provider_name', 'rendering_npi', 'billing_provider_id', 'billing_npi', 'location_id', 'location_name', 'payer_id', 'payer_name', 'payer_class', 'procedure_code', 'modifiers', 'units', 'charge_amount', 'diagnosis_codes', 'place_of_service'],
  transactions: ['key', 'transaction_type', 'transaction_id', 'claim_id', 'line_number', 'post_date', 'service_date', 'patient_id', 'encounter_id', 'rendering_provider_id', 'location_id', 'payer_id', 'payer_name', 'payer_class', 'payment_source', 'method', 'reason_group', 'reason_code', 'procedure_code', 'amount'],
  appointments: ['key', 'appointment_id', 'patient_id', 'rendering_provider_id', 'rendering_provider_name', 'location_id', 'location_name', 'visit_type', 'booked_at', 'scheduled_for', 'status', 'cancelled_at', 'arrived_at', 'roomed_at', 'seen_at', 'checked_out_at', 'new_patient', 'payer_class'],
  encounters: ['key', 'encounter_id', 'date', 'patient_id', 'rendering_provider_id', 'rendering_provider_name', 'location_id', 'location_name', 'payer_id', 'payer_name', 'payer_class', 'encounter_class', 'visit_type', 'new_patient'],
  providers: ['provider_id', 'name', 'npi', 'specialty'],
  payers: ['payer_id', 'name', 'payer_class'],
  locations: ['location_id', 'name'],
  chargesReport: ['Patient Acct #', 'Claim #', 'DOS', 'Post Date', 'Rendering Provider', 'Location', 'Primary Insurance', 'Fin Class', 'CPT', 'Mod 1', 'Mod 2', 'Units', 'Charges', 'Ins Pmt', 'Pt Pmt', 'Adj Amt', 'Dx 1', 'Dx 2', 'POS'],
} as const;

/** Name lookups for rows that carry both an id and a name. */
export interface Lookups {
  readonly practice: Practice;
  readonly provider: (id: string) => ProviderDef;
  readonly payer: (id: string) => PayerDef;
  readonly location: (id: string) => LocationDef;
}

export function lookups(practice: Practice): Lookups {
  const find = <T>(items: readonly T[], key: (t: T) => string, what: string) => {
    const map = new Map(items.map((t) => [key(t), t]));
    return (id: string): T => {
      const t = map.get(id);
      if (t === undefined) throw new RangeError(`unknown ${what} ${id}`);
      return t;
    };
  };
  return {
    practice,
    provider: find(practice.providers, (p) => p.providerId, 'provider'),
    payer: find(practice.payers, (p) => p.payerId, 'payer'),
    location: find(practice.locations, (l) => l.locationId, 'location'),
  };
}

/** Dollars with a '.' decimal and two decimals: 1234.5 dollars → "1234.50". */
export function dollars(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${(abs - rest) / 100}.${rest < 10 ? '0' : ''}${rest}`;
}

/** PM-report money: "$1,234.50", negatives in parentheses "($45.00)". */
export function reportDollars(cents: Cents): string {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `$${whole}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `(${text})` : text;
}

/** ISO date → MM/DD/YYYY. */
export function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/** One CSV field: quoted only when it holds a delimiter, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[], eol = '\n'): string {
  return fields.map(csvField).join(',') + eol;
}

export function chargeRow(claim: DemoClaim, line: DemoClaimLine, l: Lookups): string[] {
  const provider = l.provider(claim.renderingProviderId);
  const payer = l.payer(claim.payerId);
  return [
    `${claim.claimId}-${line.lineNumber}`,
    claim.claimId,
    String(line.lineNumber),
    claim.serviceDate,
    claim.postDate,
    claim.patientId,
    claim.encounterId,
    provider.providerId,
    provider.name,
    provider.npi,
    l.practice.billingProvider.billingProviderId,
    l.practice.billingProvider.npi,
    claim.locationId,
    l.location(claim.locationId).name,
    payer.payerId,
    payer.name,
    payer.payerClass,
    line.procedureCode,
    line.modifiers.join(';'),
    String(line.units),
    dollars(line.chargeCents),
    line.diagnosisCodes.join(';'),
    claim.placeOfService,
  ];
}

export function transactionRow(claim: DemoClaim, t: DemoTransaction, l: Lookups): string[] {
  const payer = l.payer(claim.payerId);
  const line = claim.lines[t.lineNumber - 1];
  return [
    t.transactionId,
    t.type,
    t.transactionId,
    t.claimId,
    String(t.lineNumber),
    t.postDate,
    claim.serviceDate,
    claim.patientId,
    claim.encounterId,
    claim.renderingProviderId,
    claim.locationId,
    payer.payerId,
    payer.name,
    payer.payerClass,
    t.paymentSource,
    t.method,
    t.reasonGroup,
    t.reasonCode,
    line?.procedureCode ?? '',
    dollars(t.amountCents),
  ];
}

export function appointmentRow(a: DemoAppointment, l: Lookups): string[] {
  return [
    a.appointmentId,
    a.appointmentId,
    a.patientId,
    a.providerId,
    l.provider(a.providerId).name,
    a.locationId,
    l.location(a.locationId).name,
    a.visitType,
    a.bookedAt,
    a.scheduledFor,
    a.status,
    a.cancelledAt ?? '',
    a.arrivedAt ?? '',
    a.roomedAt ?? '',
    a.seenAt ?? '',
    a.checkedOutAt ?? '',
    a.newPatient ? 'Y' : 'N',
    a.payerClass,
  ];
}

export function encounterRow(e: DemoEncounter, l: Lookups): string[] {
  const payer = l.payer(e.payerId);
  return [
    e.encounterId,
    e.encounterId,
    e.date,
    e.patientId,
    e.providerId,
    l.provider(e.providerId).name,
    e.locationId,
    l.location(e.locationId).name,
    payer.payerId,
    payer.name,
    payer.payerClass,
    e.encounterClass,
    e.visitType,
    e.newPatient ? 'Y' : 'N',
  ];
}

/** "Samplestone, Parker MD": how PM reports print the rendering provider. */
export function reportProviderName(p: ProviderDef): string {
  return `${p.lastName}, ${p.firstName} ${p.credential}`;
}

/** A PM "charges with payments" report row: the line plus what was paid and adjusted on it. */
export function chargesReportRow(claim: DemoClaim, line: DemoClaimLine, postings: readonly DemoTransaction[], l: Lookups): string[] {
  let insurance = 0;
  let patient = 0;
  let adjustments = 0;
  for (const t of postings) {
    if (t.type === 'payment') {
      if (t.paymentSource === 'insurance') insurance += t.amountCents;
      else patient += t.amountCents;
    } else if (t.type === 'adjustment') adjustments += t.amountCents;
  }
  const payer = l.payer(claim.payerId);
  return [
    claim.patientId,
    claim.claimId,
    usDate(claim.serviceDate),
    usDate(claim.postDate),
    reportProviderName(l.provider(claim.renderingProviderId)),
    l.location(claim.locationId).name,
    payer.name,
    payerClassLabels[payer.payerClass],
    line.procedureCode,
    line.modifiers[0] ?? '',
    line.modifiers[1] ?? '',
    String(line.units),
    reportDollars(line.chargeCents),
    reportDollars(insurance),
    reportDollars(patient),
    // The report shows adjustments as reductions of the balance.
    reportDollars(-adjustments),
    line.diagnosisCodes[0] ?? '',
    line.diagnosisCodes[1] ?? '',
    claim.placeOfService,
  ];
}

/** Every report field quoted, as many PM systems export. */
export function reportLine(fields: readonly string[]): string {
  return fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(',') + '\r\n';
}

export const README_TEXT = (practice: Practice, summary: string) => `Practice Workbench demo data
============================

Everything in this folder is FICTIONAL. The practice, its providers, patients, payers and every
amount were made up by a seeded generator (\`practice demo-data\`). No real person's data is here.
Provider names are deliberately fake ("Dr. Avery Testwell"); NPIs pass the check digit but belong
to nobody we know of; patient account numbers (A0012345) identify no one.

Practice: ${practice.name}
${summary}

Canonical layout (what the "canonical" import profile reads; money in dollars, dates YYYY-MM-DD,
date-times YYYY-MM-DDTHH:MM:SS, lists separated by ';'):
  charges.csv       one row per billed claim line (procedure, units, charge, diagnoses).
  transactions.csv  the ledger against those lines: payment (insurance or patient), adjustment
                    (contractual CO-45, sequestration CO-253, denials posted as a 0.00 adjustment with
                    their CARC and later written off with the same code, self-pay discount SPD,
                    bad debt BD) and transfer (PR-1/2/3 patient responsibility moved to the patient).
                    Signs: payments received and write-offs are positive.
  appointments.csv  every scheduled visit and what became of it (completed, no_show, cancelled,
                    late_cancel, and 'scheduled' for appointments after the export date), with
                    booked/arrived/roomed/seen/checked-out times.
  encounters.csv    one row per completed visit.
  providers.csv, payers.csv, locations.csv   lookups.

pm-report/charges_report.csv
  The same charge lines as a practice-management "charges with payments" report: US dates,
  "$1,234.50" amounts, adjustments in parentheses, PM wording in the headers. It describes the
  same money as charges.csv + transactions.csv: import one or the other, not both.
`;
