/**
 * A generic practice-management "charges with payments" report: one row per charge line, perhaps
 * with what insurance and the patient paid and what was adjusted on it. Nothing here is specific to
 * one system: columns are found by the wording PM reports use (connectors/profiles/headers.ts).
 * Conventions assumed, as most such reports print them: payments positive, adjustments as
 * reductions of the balance (negative, so the canonical write-off is positive), US dates
 * (MM/DD/YYYY). A report that differs is read with a saved, edited profile.
 */
import { PRACTICE_ACCOUNT } from './canonical/charges';
import { synonyms } from './headers';
import type { MappingProfileInput, RecordRuleInput } from './schema';

const payment = (source: 'insurance' | 'patient', input: string, suffix: string): RecordRuleInput => ({
  type: 'payment',
  when: { input, nonZero: true },
  from: { statedAmountCents: input, postDate: ['postDate', 'serviceDate'] },
  set: { paymentSource: source },
  keySuffix: suffix,
});

export const pmReport: MappingProfileInput = {
  id: 'pm-report',
  label: 'Practice-management charge/payment report (generic)',
  description: 'Charges, with insurance payments, patient payments and adjustments on the same row when the report has them.',
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    patientKey: { headers: [...synonyms.patientId], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    claimId: { headers: [...synonyms.claimId] },
    encounterId: { headers: [...synonyms.encounterId] },
    lineNumber: { headers: [...synonyms.lineNumber] },
    serviceDate: { headers: [...synonyms.serviceDate], kind: 'date', required: true },
    postDate: { headers: [...synonyms.postDate], kind: 'date' },
    renderingProviderId: { headers: [...synonyms.renderingProviderId] },
    renderingNpi: { headers: [...synonyms.renderingNpi], kind: 'npi' },
    renderingProviderName: { headers: [...synonyms.renderingProviderName] },
    billingNpi: { headers: [...synonyms.billingNpi], kind: 'npi' },
    locationId: { headers: [...synonyms.locationId] },
    locationName: { headers: [...synonyms.locationName] },
    payerId: { headers: [...synonyms.payerId] },
    payerName: { headers: [...synonyms.payerName] },
    // A class column when there is one, else the payer's name says it.
    payerClass: { headers: [...synonyms.payerClass, ...synonyms.payerName], kind: 'payer-class', values: { other: 'other', unknown: 'unknown' } },
    procedureCode: { headers: [...synonyms.procedureCode], required: true },
    modifiers: { headers: [...synonyms.modifiers], kind: 'list', separator: ',' },
    units: { headers: [...synonyms.units], kind: 'number' },
    chargeCents: { headers: [...synonyms.chargeCents], kind: 'money', required: true },
    insurancePayment: { headers: [...synonyms.insurancePayment], kind: 'money' },
    patientPayment: { headers: [...synonyms.patientPayment], kind: 'money' },
    adjustment: { headers: [...synonyms.adjustment], kind: 'money' },
    diagnosisCodes: { headers: [...synonyms.diagnosisCodes], kind: 'list', separator: ',' },
    placeOfService: { headers: [...synonyms.placeOfService] },
  },
  records: [
    { type: 'charge', when: { input: 'chargeCents', nonEmpty: true }, from: { claimId: ['claimId', 'encounterId'] } },
    payment('insurance', 'insurancePayment', 'ins'),
    payment('patient', 'patientPayment', 'pt'),
    {
      type: 'adjustment',
      when: { input: 'adjustment', nonZero: true },
      sign: -1,
      from: { statedAmountCents: 'adjustment', postDate: ['postDate', 'serviceDate'] },
      keySuffix: 'adj',
    },
  ],
  key: [],
};
