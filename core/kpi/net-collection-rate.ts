import { defineKpi, needs } from './define';
import { fact, sub } from './expr';

/** Net (adjusted) collection rate: what was collected of what could be collected. */
export const netCollectionRate = defineKpi({
  id: 'net_collection_rate',
  label: 'Net collection rate',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'higher',
  numeratorText: 'payments posted in the period',
  denominatorText: 'charges with a date of service in the period minus contractual adjustments posted in the period',
  formulaText: 'payments ÷ (charges − contractual adjustments)',
  dateBasis: 'payments and adjustments by post date; charges by date of service',
  inclusion:
    'contractual adjustments are the payer’s contracted reductions (CARC 45, 42, 59, 94, 131, 237, 253, 24, other CO-group codes that are not denials, or PM codes worded “contractual”); bad debt, small-balance and denial write-offs are not',
  source: 'MGMA / HFMA (adjusted collection rate: payments ÷ (charges − contractual adjustments)); simple period-matched variant',
  needs: (a) =>
    !a.charges
      ? needs('charge lines')
      : !a.payments
        ? needs('payment rows (a payments export or 835 remittances)')
        : !a.contractualAdjustments
          ? needs('contractual adjustments (adjustment rows with a reason code)')
          : undefined,
  numerator: () => fact('paymentCents'),
  denominator: () => sub(fact('chargeCents'), fact('contractualAdjustmentCents')),
  emptyDenominator: 'no charges net of contractual adjustments in the period',
});
