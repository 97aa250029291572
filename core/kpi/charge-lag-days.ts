import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Charge lag: days from date of service to charge posting. */
export const chargeLagDays = defineKpi({
  id: 'charge_lag_days',
  label: 'Charge lag',
  group: 'revenue cycle',
  unit: 'days',
  direction: 'lower',
  numeratorText: 'Σ days from date of service to post date, over charge lines with a date of service in the period',
  denominatorText: 'charge lines with a post date',
  formulaText: 'Σ (post date − service date) ÷ charge lines',
  dateBasis: 'date of service',
  inclusion: 'charge lines with both dates; lines posted before their date of service are left out',
  source: 'MGMA (charge lag: days from date of service to charge entry); averaged per charge line',
  needs: (a) => (!a.chargePostDates ? needs('charge post dates') : undefined),
  numerator: () => fact('chargeLagDays'),
  denominator: () => fact('chargeLagLines'),
  emptyDenominator: 'no charge lines with a post date in the period',
});
