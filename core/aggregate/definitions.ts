/**
 * The group-by definitions of the fact tables: each measure with the workbook column that holds it,
 * its unit, its date basis and the SQL aggregate that computes it, so the same tables can be built by
 * a database engine (core/aggregate/sql-engine.ts; DESIGN.md section 7) and checked against the
 * JavaScript one (core/aggregate/stream.ts).
 */
import type { DistinctMeasure, FactMeasure, MeasureUnit } from './types';

export interface MeasureDefinition {
  readonly measure: FactMeasure;
  /** Column name in the workbook's Facts table. */
  readonly column: string;
  readonly unit: MeasureUnit;
  /** Which date puts a record into a month. */
  readonly dateBasis: string;
  /** The aggregate over canonical records, as SQL. */
  readonly sql: string;
}

/** Dimensions of the Facts table, in column order. */
export const factDimensions = ['month', 'provider', 'location', 'payer class', 'payer'] as const;

export const factMeasures: readonly MeasureDefinition[] = [
  { measure: 'chargeCents', column: 'Charges', unit: 'money', dateBasis: 'service date', sql: 'SUM(charge_cents) FROM charges' },
  { measure: 'chargeLines', column: 'Charge lines', unit: 'count', dateBasis: 'service date', sql: 'COUNT(*) FROM charges' },
  { measure: 'chargeLagDays', column: 'Charge lag days', unit: 'days', dateBasis: 'service date', sql: 'SUM(post_date - service_date) FROM charges WHERE post_date IS NOT NULL' },
  { measure: 'chargeLagLines', column: 'Lines with post date', unit: 'count', dateBasis: 'service date', sql: 'COUNT(*) FROM charges WHERE post_date IS NOT NULL' },
  { measure: 'paymentCents', column: 'Payments', unit: 'money', dateBasis: 'post date', sql: "SUM(amount_cents) FROM transactions WHERE type = 'payment'" },
  { measure: 'contractualAdjustmentCents', column: 'Contractual adjustments', unit: 'money', dateBasis: 'post date', sql: "SUM(amount_cents) FROM transactions WHERE type = 'adjustment' AND kind = 'contractual'" },
  { measure: 'otherAdjustmentCents', column: 'Other adjustments', unit: 'money', dateBasis: 'post date', sql: "SUM(amount_cents) FROM transactions WHERE type = 'adjustment' AND kind <> 'contractual'" },
  { measure: 'encounters', column: 'Encounters', unit: 'count', dateBasis: 'encounter date', sql: 'COUNT(*) FROM encounters' },
  { measure: 'newPatientVisits', column: 'New patient visits', unit: 'count', dateBasis: 'encounter date', sql: 'COUNT(*) FILTER (WHERE new_patient) FROM encounters' },
  { measure: 'visitsWithNewFlag', column: 'Visits with new flag', unit: 'count', dateBasis: 'encounter date', sql: 'COUNT(new_patient) FROM encounters' },
  { measure: 'workRvus', column: 'Work RVUs', unit: 'rvu', dateBasis: 'service date', sql: 'SUM(work_rvu * units) FROM charges JOIN medicare_rvu USING (procedure_code)' },
  { measure: 'appointments', column: 'Appointments', unit: 'count', dateBasis: 'appointment date', sql: 'COUNT(*) FROM appointments' },
  { measure: 'completed', column: 'Completed', unit: 'count', dateBasis: 'appointment date', sql: "COUNT(*) FILTER (WHERE status = 'completed') FROM appointments" },
  { measure: 'noShows', column: 'No shows', unit: 'count', dateBasis: 'appointment date', sql: "COUNT(*) FILTER (WHERE status = 'no_show') FROM appointments" },
  { measure: 'cancelled', column: 'Cancelled', unit: 'count', dateBasis: 'appointment date', sql: "COUNT(*) FILTER (WHERE status = 'cancelled') FROM appointments" },
  { measure: 'lateCancels', column: 'Late cancels', unit: 'count', dateBasis: 'appointment date', sql: "COUNT(*) FILTER (WHERE status = 'late_cancel') FROM appointments" },
  { measure: 'leadDays', column: 'Lead days', unit: 'days', dateBasis: 'appointment date', sql: 'SUM(scheduled_date - booked_date) FROM appointments WHERE booked_at IS NOT NULL AND booked_date <= scheduled_date' },
  { measure: 'leadAppointments', column: 'Booked appointments', unit: 'count', dateBasis: 'appointment date', sql: 'COUNT(*) FROM appointments WHERE booked_at IS NOT NULL AND booked_date <= scheduled_date' },
  { measure: 'cycleMinutes', column: 'Cycle minutes', unit: 'minutes', dateBasis: 'appointment date', sql: 'SUM(checked_out_at - arrived_at) FROM appointments WHERE both are present and in order' },
  { measure: 'cycleVisits', column: 'Cycle visits', unit: 'count', dateBasis: 'appointment date', sql: 'COUNT(*) FROM appointments WHERE arrived_at AND checked_out_at are present and in order' },
  { measure: 'waitMinutes', column: 'Wait minutes', unit: 'minutes', dateBasis: 'appointment date', sql: 'SUM(COALESCE(roomed_at, seen_at) - arrived_at) FROM appointments WHERE both are present and in order' },
  { measure: 'waitVisits', column: 'Wait visits', unit: 'count', dateBasis: 'appointment date', sql: 'COUNT(*) FROM appointments WHERE arrived_at AND COALESCE(roomed_at, seen_at) are present and in order' },
  { measure: 'denials', column: 'Initial denials', unit: 'count', dateBasis: 'adjudication (payment) date', sql: 'COUNT(*) FILTER (WHERE first_adjudication_denied) FROM claims' },
  { measure: 'deniedCents', column: 'Denied charges', unit: 'money', dateBasis: 'adjudication (payment) date', sql: 'SUM(charge_cents) FILTER (WHERE first_adjudication_denied) FROM claims' },
  { measure: 'claimsAdjudicated', column: 'Claims adjudicated', unit: 'count', dateBasis: 'adjudication (payment) date', sql: 'COUNT(*) FROM claims WHERE first_adjudication_date IS NOT NULL' },
  { measure: 'adjudicatedCents', column: 'Adjudicated charges', unit: 'money', dateBasis: 'adjudication (payment) date', sql: 'SUM(charge_cents) FROM claims WHERE first_adjudication_date IS NOT NULL' },
];

export const distinctMeasures: readonly { readonly measure: DistinctMeasure; readonly column: string; readonly sql: string }[] = [
  { measure: 'uniquePatients', column: 'Unique patients', sql: 'COUNT(DISTINCT patient_key) FROM visits' },
  { measure: 'clinicDays', column: 'Clinic days', sql: 'COUNT(DISTINCT (provider, visit_date)) FROM visits' },
  { measure: 'providers', column: 'Providers', sql: 'COUNT(DISTINCT provider) FROM visits' },
];

export function measureColumn(measure: FactMeasure): string {
  const def = factMeasures.find((m) => m.measure === measure);
  if (def === undefined) throw new Error(`unknown measure ${measure}`);
  return def.column;
}

export function distinctColumn(measure: DistinctMeasure): string {
  const def = distinctMeasures.find((m) => m.measure === measure);
  if (def === undefined) throw new Error(`unknown distinct measure ${measure}`);
  return def.column;
}

export function emptyMeasures(): { [K in FactMeasure]: number } {
  return {
    chargeCents: 0,
    chargeLines: 0,
    chargeLagDays: 0,
    chargeLagLines: 0,
    paymentCents: 0,
    contractualAdjustmentCents: 0,
    otherAdjustmentCents: 0,
    encounters: 0,
    newPatientVisits: 0,
    visitsWithNewFlag: 0,
    workRvus: 0,
    appointments: 0,
    completed: 0,
    noShows: 0,
    cancelled: 0,
    lateCancels: 0,
    leadDays: 0,
    leadAppointments: 0,
    cycleMinutes: 0,
    cycleVisits: 0,
    waitMinutes: 0,
    waitVisits: 0,
    denials: 0,
    deniedCents: 0,
    claimsAdjudicated: 0,
    adjudicatedCents: 0,
  };
}
