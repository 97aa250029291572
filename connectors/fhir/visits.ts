/**
 * Encounter → Encounter record (a visit), Appointment → Appointment record.
 */
import { messages } from '../../core/messages';
import type { Appointment as AppointmentRecord, AppointmentStatus, CanonicalRecord, Encounter as EncounterRecord } from '../../core/model';
import { conceptLabel, encounterClassName } from './codings';
import { containedReferents, type FileContext, type ResourceLocation } from './context';
import type { Appointment, Encounter, Reference } from './schemas';

/** Encounter statuses that are not visits that happened (or are happening). */
const NOT_A_VISIT = new Set(['planned', 'cancelled', 'entered-in-error']);

/** The practitioner who saw the patient: the primary performer (PPRF), else the first practitioner participant. */
export function primaryPerformer(e: Encounter): Reference | undefined {
  const participants = (e.participant ?? []).filter((p) => p.individual !== undefined);
  const isPrimary = (p: (typeof participants)[number]) => (p.type ?? []).some((t) => (t.coding ?? []).some((c) => c.code === 'PPRF' || c.code === 'PRF' || c.code === 'ATND'));
  const pick = participants.find(isPrimary) ?? participants.find((p) => /Practitioner/.test(p.individual?.reference ?? p.individual?.type ?? '')) ?? participants[0];
  return pick?.individual;
}

export function mapEncounter(e: Encounter, ctx: FileContext, at: ResourceLocation): { records: CanonicalRecord[]; rejected: boolean; notAVisit?: boolean } {
  if (e.status !== undefined && NOT_A_VISIT.has(e.status)) return { records: [], rejected: false, notAVisit: true };
  const contained = containedReferents(e.contained);
  const date = ctx.date(e.period?.start, 'Encounter.period.start', at);
  if (date === undefined) {
    ctx.report('fhir-required-missing', 'error', messages.fhirRequiredMissing('Encounter', e.id, 'period.start (the visit date)'), at);
    return { records: [], rejected: true };
  }
  const location = e.location?.[0]?.location ?? e.serviceProvider;
  const patientKey = ctx.patientKey(e.subject);
  const encounterClass = encounterClassName(e.class?.code);
  const visitType = conceptLabel(e.type?.[0]) ?? conceptLabel(e.serviceType);
  // FHIR puts the payer on the claim, not the visit: the claim that bills this visit says who pays.
  const claim = ctx.index.claimFor(e.id)?.claim;
  const payer = claim?.coverage === undefined ? {} : ctx.payer(claim.coverage, claim.contained, at);
  const record: EncounterRecord = {
    type: 'encounter',
    key: e.id,
    lineage: ctx.lineage(at),
    encounterId: e.id,
    date,
    payerClass: payer.payerClass ?? 'unknown',
    ...(payer.payerId !== undefined ? { payerId: payer.payerId } : {}),
    ...(payer.payerName !== undefined ? { payerName: payer.payerName } : {}),
    ...(patientKey !== undefined ? { patientKey } : {}),
    ...ctx.provider(primaryPerformer(e), contained, at),
    ...ctx.location(location, contained, at),
    ...(encounterClass !== undefined ? { encounterClass } : {}),
    ...(visitType !== undefined ? { visitType } : {}),
  };
  return { records: [record], rejected: false };
}

const APPOINTMENT_STATUS: Readonly<Record<string, AppointmentStatus>> = {
  proposed: 'scheduled',
  pending: 'scheduled',
  booked: 'scheduled',
  arrived: 'scheduled',
  'checked-in': 'scheduled',
  waitlist: 'scheduled',
  fulfilled: 'completed',
  noshow: 'no_show',
  cancelled: 'cancelled',
};

export function mapAppointment(a: Appointment, ctx: FileContext, at: ResourceLocation): { records: CanonicalRecord[]; rejected: boolean } {
  // Not (yet) a booked slot: entered in error, or a proposal or wait-list entry with no time.
  if (a.status === 'entered-in-error' || ((a.status === 'proposed' || a.status === 'waitlist') && a.start === undefined)) return { records: [], rejected: false };
  const status = APPOINTMENT_STATUS[a.status] ?? 'unknown';
  const scheduledFor = ctx.dateTime(a.start, 'Appointment.start', at);
  if (scheduledFor === undefined) {
    ctx.report('fhir-required-missing', 'error', messages.fhirRequiredMissing('Appointment', a.id, 'start (when the appointment is for)'), at);
    return { records: [], rejected: true };
  }
  const contained = containedReferents(a.contained);
  const actors = (a.participant ?? []).map((p) => p.actor).filter((r): r is Reference => r !== undefined);
  const kind = (r: Reference) => r.type ?? /^(?:.*\/)?([A-Z][A-Za-z]+)[/?]/.exec(r.reference ?? '')?.[1];
  const practitioner = actors.find((r) => kind(r) === 'Practitioner' || kind(r) === 'PractitionerRole');
  const location = actors.find((r) => kind(r) === 'Location');
  const patient = actors.find((r) => kind(r) === 'Patient');
  const bookedAt = ctx.dateTime(a.created, 'Appointment.created', at);
  const visitType = conceptLabel(a.appointmentType) ?? conceptLabel(a.serviceType?.[0]);
  const patientKey = ctx.patientKey(patient);
  const record: AppointmentRecord = {
    type: 'appointment',
    key: a.id,
    lineage: ctx.lineage(at),
    appointmentId: a.id,
    scheduledFor,
    status,
    payerClass: 'unknown',
    ...(bookedAt !== undefined ? { bookedAt } : {}),
    ...(visitType !== undefined ? { visitType } : {}),
    ...(patientKey !== undefined ? { patientKey } : {}),
    ...ctx.provider(practitioner, contained, at),
    ...ctx.location(location, contained, at),
  };
  return { records: [record], rejected: false };
}
