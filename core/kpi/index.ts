/**
 * The KPI registry: every definition, in the order the workbook lists them. Ids are stable (also
 * used by the PRACTICE.KPI custom function).
 */
import { arOver120Pct } from './ar-over-120-pct';
import { arOver90Pct } from './ar-over-90-pct';
import { avgPaymentPerEncounter } from './avg-payment-per-encounter';
import { chargeLagDays } from './charge-lag-days';
import { collectionsPerWrvu } from './collections-per-wrvu';
import { cycleTimeMinutes } from './cycle-time-minutes';
import { daysInAr } from './days-in-ar';
import { encounters } from './encounters';
import { grossCollectionRate } from './gross-collection-rate';
import { initialDenialRateCount } from './initial-denial-rate-count';
import { initialDenialRateCountSameMonth } from './initial-denial-rate-count-same-month';
import { initialDenialRateDollars } from './initial-denial-rate-dollars';
import { initialDenialRateDollarsSameMonth } from './initial-denial-rate-dollars-same-month';
import { lateCancelRate } from './late-cancel-rate';
import { netCollectionRate } from './net-collection-rate';
import { newPatientRatio } from './new-patient-ratio';
import { noShowRate } from './no-show-rate';
import { payerMixCharges } from './payer-mix-charges';
import { payerMixEncounters } from './payer-mix-encounters';
import { payerMixPayments } from './payer-mix-payments';
import { schedulingLeadTimeDays } from './scheduling-lead-time-days';
import type { KpiDefinition } from './types';
import { uniquePatients } from './unique-patients';
import { visitsPerProviderDay } from './visits-per-provider-day';
import { waitTimeMinutes } from './wait-time-minutes';
import { wrvusPerProvider } from './wrvus-per-provider';

export * from './types';
export { cellValue, defineKpi, evaluate, toExcel } from './define';

export const kpis: readonly KpiDefinition[] = [
  grossCollectionRate,
  netCollectionRate,
  daysInAr,
  arOver90Pct,
  arOver120Pct,
  initialDenialRateCount,
  initialDenialRateCountSameMonth,
  initialDenialRateDollars,
  initialDenialRateDollarsSameMonth,
  chargeLagDays,
  avgPaymentPerEncounter,
  payerMixCharges,
  payerMixPayments,
  payerMixEncounters,
  encounters,
  uniquePatients,
  newPatientRatio,
  visitsPerProviderDay,
  wrvusPerProvider,
  collectionsPerWrvu,
  noShowRate,
  lateCancelRate,
  schedulingLeadTimeDays,
  cycleTimeMinutes,
  waitTimeMinutes,
];

const byId = new Map(kpis.map((k) => [k.id, k]));

/** A KPI by its id, or undefined. */
export function kpiById(id: string): KpiDefinition | undefined {
  return byId.get(id);
}
