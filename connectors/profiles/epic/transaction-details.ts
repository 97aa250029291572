/**
 * Tables beside Epic's ARPB_TRANSACTIONS, keyed by TX_ID: the continuation tables
 * ARPB_TRANSACTIONS2/3 (reversal links, place-of-service type, where a payment was posted from)
 * and ACCT_TX (which guarantor account a transaction belongs to). Each becomes a
 * `transaction-detail` record, keyed by table so the three do not count as duplicates of each other.
 */
import type { MappingProfileInput } from '../schema';
import { EPIC_ACCOUNT } from './transactions';

export const epicTransactions2: MappingProfileInput = {
  id: 'epic-arpb-transactions2',
  label: 'Epic transaction continuation columns (ARPB_TRANSACTIONS2)',
  recognise: { headers: ['TX_ID'], fileNames: ['ARPB_TRANSACTIONS2'] },
  inputs: {
    transactionId: { headers: ['TX_ID'], required: true },
    reversedTransactionId: { headers: ['REVERSED_PMT_TX_ID'] },
    reversalTransactionId: { headers: ['PMT_REVERSAL_TX_ID'] },
    placeOfServiceType: { headers: ['POS_TYPE_C_NAME'] },
    benefitPlanName: { headers: ['CVG_PLAN_ON_PMT_ID_BENEFIT_PLAN_NAME'] },
    networkStatus: { headers: ['PROV_NETWORK_STAT_C_NAME'] },
  },
  records: [{ type: 'transaction-detail' }],
  key: ['transactionId'],
  keyPrefix: 'ARPB_TRANSACTIONS2:',
};

export const epicTransactions3: MappingProfileInput = {
  id: 'epic-arpb-transactions3',
  label: 'Epic transaction continuation columns (ARPB_TRANSACTIONS3)',
  recognise: { headers: ['TX_ID'], fileNames: ['ARPB_TRANSACTIONS3'] },
  inputs: {
    transactionId: { headers: ['TX_ID'], required: true },
    paymentSourceType: { headers: ['EB_TX_SOURCE_C_NAME'] },
  },
  records: [{ type: 'transaction-detail' }],
  key: ['transactionId'],
  keyPrefix: 'ARPB_TRANSACTIONS3:',
};

export const epicAccountTransactions: MappingProfileInput = {
  id: 'epic-acct-tx',
  label: 'Epic guarantor account transactions (ACCT_TX)',
  recognise: { headers: ['ACCOUNT_ID', 'LINE', 'TX_ID'], fileNames: ['ACCT_TX'] },
  inputs: {
    transactionId: { headers: ['TX_ID'], required: true },
    line: { headers: ['LINE'] },
    accountKey: { headers: ['ACCOUNT_ID'], kind: 'patient', namespace: EPIC_ACCOUNT },
  },
  records: [{ type: 'transaction-detail' }],
  key: ['transactionId', 'line'],
  keyPrefix: 'ACCT_TX:',
};
