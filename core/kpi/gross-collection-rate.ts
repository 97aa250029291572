import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Gross collection rate: payments as a share of gross charges. */
export const grossCollectionRate = defineKpi({
  id: 'gross_collection_rate',
  label: 'Gross collection rate',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'higher',
  numeratorText: 'payments posted in the period (insurance and patient, net of refunds)',
  denominatorText: 'gross charges with a date of service in the period',
  formulaText: 'payments ÷ charges',
  dateBasis: 'payments by post date; charges by date of service',
  inclusion: 'all payers and patient payments; transfers between payer and patient responsibility are not payments',
  source: 'MGMA (gross collection ratio: total payments ÷ total gross charges); simple period-matched variant',
  needs: (a) => (!a.charges ? needs('charge lines') : !a.payments ? needs('payment rows (a payments export or 835 remittances)') : undefined),
  numerator: () => fact('paymentCents'),
  denominator: () => fact('chargeCents'),
  emptyDenominator: 'no charges in the period',
});
