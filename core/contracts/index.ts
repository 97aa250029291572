/**
 * Payer contracts: Medicare pricing from the CMS fee schedule, expected amounts under fee schedules
 * and percent-of-Medicare terms, expected vs paid on 835 lines, and renegotiation what-ifs.
 * Pure functions over canonical records; amounts in integer cents.
 */
export { contractBook, contractPayers, rateInForce, samePayer, termInForce, type ContractBook } from './book';
export { decimal, percentOfCents } from './decimal';
export {
  comparePayments,
  DEFAULT_TOLERANCE,
  effectiveRateTrend,
  summarizeChecks,
  varianceClassLabels,
  type CompareOptions,
  type EffectiveRateRow,
  type PaymentCheck,
  type Tolerance,
  type VarianceClass,
  type VarianceSummaryRow,
} from './expected-vs-paid';
export {
  gpciRow,
  medicareAllowed,
  medicareFee,
  medicareIndex,
  rvuRow,
  type MedicareAllowed,
  type MedicareIndex,
  type MedicareQuery,
  type PricingFlag,
  type PricingProblem,
  type PricingStep,
} from './medicare';
export { expectedAmount, expectedForClaim, percentOfMedicare, type ExpectedAmount, type PricingBasis, type PricingOptions, type ServiceLine } from './pricing';
export { currentPercentOfMedicare, lastYearVolumes, whatIf, whatIfRateChange, type RateChangeResult, type VolumeRow, type Volumes, type WhatIfResult } from './what-if';
