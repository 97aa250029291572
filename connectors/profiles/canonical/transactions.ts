/** Canonical transactions.csv: payments, adjustments and transfers, amounts in the canonical sign. */
import type { MappingProfileInput } from '../schema';
import { PRACTICE_ACCOUNT } from './charges';

export const canonicalTransactions: MappingProfileInput = {
  id: 'canonical-transactions',
  label: 'Practice Workbench payments and adjustments (transactions.csv)',
  recognise: { headers: ['key', 'transaction_type', 'post_date', 'amount'], fileNames: ['transactions'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    key: { headers: ['key'], required: true },
    transactionType: { headers: ['transaction_type'], required: true },
    transactionId: { headers: ['transaction_id'] },
    claimId: { headers: ['claim_id'] },
    lineNumber: { headers: ['line_number'] },
    postDate: { headers: ['post_date'], kind: 'date', required: true },
    serviceDate: { headers: ['service_date'], kind: 'date' },
    patientKey: { headers: ['patient_id'], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    encounterId: { headers: ['encounter_id'] },
    renderingProviderId: { headers: ['rendering_provider_id'] },
    locationId: { headers: ['location_id'] },
    payerId: { headers: ['payer_id'] },
    payerName: { headers: ['payer_name'] },
    payerClass: { headers: ['payer_class'], kind: 'payer-class' },
    paymentSource: { headers: ['payment_source'] },
    method: { headers: ['method'] },
    reasonGroup: { headers: ['reason_group'] },
    reasonCode: { headers: ['reason_code'] },
    procedureCode: { headers: ['procedure_code'] },
    amount: { headers: ['amount'], kind: 'money', required: true },
  },
  // The file states amounts in the canonical sign already: payment received and write-off positive.
  records: [
    { type: 'payment', when: { input: 'transactionType', in: ['payment'] } },
    { type: 'adjustment', when: { input: 'transactionType', in: ['adjustment'] } },
    { type: 'transfer', when: { input: 'transactionType', in: ['transfer'] } },
  ],
  key: ['key'],
};
