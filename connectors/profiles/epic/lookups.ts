/**
 * Epic lookups: CLARITY_SER (providers), CLARITY_EAP (charge codes), and the guarantor account
 * tables ACCOUNT / ACCOUNT_2. Guarantor tables hold names, birth dates, addresses and phone
 * numbers: none of those columns is an input, so none can reach a record; only a pseudonymous
 * account key, the financial class and balances are read.
 */
import type { MappingProfileInput } from '../schema';
import { EPIC_ACCOUNT } from './transactions';

export const epicProviders: MappingProfileInput = {
  id: 'epic-clarity-ser',
  label: 'Epic providers (CLARITY_SER)',
  recognise: { headers: ['PROV_ID', 'PROV_NAME'], fileNames: ['CLARITY_SER'] },
  inputs: {
    providerId: { headers: ['PROV_ID'], required: true },
    name: { headers: ['PROV_NAME'] },
    npi: { headers: ['NPI'], kind: 'npi' },
    specialty: { headers: ['SPECIALTY_C_NAME', 'PRIMARY_SPECIALTY_C_NAME'] },
  },
  records: [{ type: 'provider' }],
  key: ['providerId'],
};

export const epicProcedures: MappingProfileInput = {
  id: 'epic-clarity-eap',
  label: 'Epic charge codes (CLARITY_EAP)',
  recognise: { headers: ['PROC_ID', 'PROC_NAME'], fileNames: ['CLARITY_EAP'] },
  inputs: {
    procedureId: { headers: ['PROC_ID'], required: true },
    description: { headers: ['PROC_NAME'], required: true },
    billingCode: { headers: ['PROC_CODE', 'CPT_CODE'] },
  },
  records: [{ type: 'procedure' }],
  key: ['procedureId'],
};

export const epicAccounts: MappingProfileInput = {
  id: 'epic-account',
  label: 'Epic guarantor accounts (ACCOUNT)',
  recognise: { headers: ['ACCOUNT_ID', 'FIN_CLASS_C_NAME'], fileNames: ['^ACCOUNT(\\.|$)'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    accountKey: { headers: ['ACCOUNT_ID'], kind: 'patient', namespace: EPIC_ACCOUNT, required: true },
    financialClass: { headers: ['FIN_CLASS_C_NAME'] },
    payerClass: { headers: ['FIN_CLASS_C_NAME'], kind: 'payer-class' },
    totalBalanceCents: { headers: ['TOTAL_BALANCE'], kind: 'money' },
    insuranceBalanceCents: { headers: ['INSURANCE_BALANCE'], kind: 'money' },
    patientBalanceCents: { headers: ['PATIENT_BALANCE'], kind: 'money' },
    lastInsurancePaymentDate: { headers: ['LAST_INS_PMT_DATE'], kind: 'date' },
    lastPatientPaymentDate: { headers: ['LAST_PAT_PMT_DATE'], kind: 'date' },
  },
  records: [{ type: 'guarantor-account' }],
  // No key column may be the account id itself (it identifies a person): the row digest is the key.
  key: [],
  keyPrefix: 'ACCOUNT:',
};

export const epicAccounts2: MappingProfileInput = {
  id: 'epic-account-2',
  label: 'Epic guarantor account continuation (ACCOUNT_2)',
  recognise: { headers: ['ACCT_ID'], fileNames: ['ACCOUNT_2'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    accountKey: { headers: ['ACCT_ID'], kind: 'patient', namespace: EPIC_ACCOUNT, required: true },
  },
  records: [{ type: 'guarantor-account' }],
  key: [],
  keyPrefix: 'ACCOUNT_2:',
};
