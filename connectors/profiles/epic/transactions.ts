/**
 * Epic professional billing A/R transactions (Clarity/EHI ARPB_TRANSACTIONS): one row per charge,
 * payment or adjustment. Epic states payments and write-offs as negative credits; the canonical
 * amount is positive and `statedAmountCents` keeps Epic's sign. PROC_ID is Epic's own charge code
 * (see CLARITY_EAP), so charges carry procedureCodeSystem "local". A row with VOID_DATE was voided
 * (a correction reposts it): it is imported with `voidDate`, so file totals tie to the export, and
 * the dataset leaves it out of calculations.
 */
import type { MappingProfileInput } from '../schema';

/** Epic's guarantor account id, pseudonymised (never a patient's MRN, but just as identifying). */
export const EPIC_ACCOUNT = 'epic-guarantor-account';

export const epicTransactions: MappingProfileInput = {
  id: 'epic-arpb-transactions',
  label: 'Epic professional billing transactions (ARPB_TRANSACTIONS)',
  recognise: { headers: ['TX_ID', 'AMOUNT', 'POST_DATE', 'SERVICE_DATE'], fileNames: ['ARPB_TRANSACTIONS(\\.|$)'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    transactionId: { headers: ['TX_ID'], required: true },
    // The type's name, or Epic's category number where an extract has only that (1 charge, 2 payment, 3/4 debit/credit adjustment).
    transactionType: { headers: ['TX_TYPE_C_NAME', 'TX_TYPE_C'], required: true },
    postDate: { headers: ['POST_DATE'], kind: 'date', required: true },
    serviceDate: { headers: ['SERVICE_DATE'], kind: 'date' },
    amount: { headers: ['AMOUNT'], kind: 'money', required: true },
    voidDate: { headers: ['VOID_DATE'], kind: 'date' },
    patientKey: { headers: ['ACCOUNT_ID'], kind: 'patient', namespace: EPIC_ACCOUNT },
    visitNumber: { headers: ['VISIT_NUMBER'], note: 'Epic groups the charges of one billed visit under a visit number' },
    renderingProviderId: { headers: ['SERV_PROVIDER_ID'] },
    billingProviderId: { headers: ['BILLING_PROV_ID'] },
    locationId: { headers: ['LOC_ID'] },
    procedureCode: { headers: ['PROC_ID'] },
    modifiers: { headers: ['MODIFIER_ONE', 'MODIFIER_TWO', 'MODIFIER_THREE', 'MODIFIER_FOUR'], kind: 'list' },
    units: { headers: ['PROCEDURE_QUANTITY'], kind: 'number' },
    originalPayerId: { headers: ['ORIGINAL_EPM_ID'] },
    originalPayerName: { headers: ['ORIGINAL_EPM_ID_PAYOR_NAME'] },
    payerId: { headers: ['PAYOR_ID'] },
    payerName: { headers: ['PAYOR_ID_PAYOR_NAME'] },
    payerClass: { headers: ['ORIGINAL_FC_C_NAME', 'FIN_CLASS_C_NAME'], kind: 'payer-class' },
    method: { headers: ['PAYMENT_SOURCE_C_NAME'] },
    paymentSource: { headers: ['PAYOR_ID'], shared: true, values: { '*': 'insurance' }, note: 'a payment with a payer is an insurance payment' },
  },
  records: [
    {
      type: 'charge',
      when: { input: 'transactionType', in: ['Charge', '1'] },
      from: { claimId: ['visitNumber', 'transactionId'], payerId: ['originalPayerId', 'payerId'], payerName: ['originalPayerName', 'payerName'] },
      set: { procedureCodeSystem: 'local' },
    },
    {
      type: 'payment',
      when: { input: 'transactionType', in: ['Payment', '2'] },
      sign: -1,
      from: { payerId: ['payerId', 'originalPayerId'], payerName: ['payerName', 'originalPayerName'] },
    },
    {
      type: 'adjustment',
      when: { input: 'transactionType', in: ['Adjustment', 'Credit Adjustment', 'Debit Adjustment', '3', '4'] },
      sign: -1,
      from: { payerId: ['payerId', 'originalPayerId'], payerName: ['payerName', 'originalPayerName'] },
    },
  ],
  key: ['transactionId'],
};
