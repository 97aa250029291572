/**
 * Claim filing indicator (835 CLP06, 837 SBR09) → payer class as practice managers report payer mix.
 * The indicator says which kind of plan adjudicated the claim, so it beats guessing from a name.
 */
import type { PayerClass } from '../../core/model';

const CLASSES: Readonly<Record<string, PayerClass>> = {
  MA: 'medicare', // Medicare Part A
  MB: 'medicare', // Medicare Part B
  '16': 'medicare', // HMO Medicare risk (Medicare Advantage)
  MC: 'medicaid',
  '12': 'commercial', // PPO
  '13': 'commercial', // POS
  '14': 'commercial', // EPO
  '15': 'commercial', // indemnity
  '17': 'commercial', // dental maintenance organisation
  BL: 'commercial', // Blue Cross/Blue Shield
  CI: 'commercial',
  HM: 'commercial', // HMO
  FI: 'commercial', // Federal Employees Program (a commercial plan)
  DS: 'commercial', // disability
  WC: 'workers_comp',
  '09': 'self_pay',
  CH: 'other', // TRICARE (CHAMPUS)
  VA: 'other',
  OF: 'other', // other federal program
  TV: 'other', // Title V
  '11': 'other', // other non-federal programs
  AM: 'other', // automobile medical
  LM: 'other', // liability medical
  '10': 'other', // central certification
  LI: 'other', // liability
  ZZ: 'other', // mutually defined
};

/** The payer class of a claim filing indicator; `unknown` when absent or not a known indicator. */
export function payerClassOfFilingIndicator(indicator: string | undefined): PayerClass {
  if (indicator === undefined) return 'unknown';
  return CLASSES[indicator.trim().toUpperCase()] ?? 'unknown';
}

/** A representative filing indicator for a payer class (the demo writer's 837 SBR09 and 835 CLP06). */
export function filingIndicatorOfPayerClass(payerClass: PayerClass): string {
  switch (payerClass) {
    case 'medicare':
      return 'MB';
    case 'medicaid':
      return 'MC';
    case 'commercial':
      return 'CI';
    case 'workers_comp':
      return 'WC';
    case 'self_pay':
      return '09';
    default:
      return 'ZZ';
  }
}
