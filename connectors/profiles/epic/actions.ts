/** Epic ARPB_TX_ACTIONS: what happened to each A/R transaction (denials, transfers, recalculations). */
import type { MappingProfileInput } from '../schema';

export const epicTransactionActions: MappingProfileInput = {
  id: 'epic-arpb-tx-actions',
  label: 'Epic transaction actions (ARPB_TX_ACTIONS)',
  recognise: { headers: ['TX_ID', 'LINE', 'ACTION_TYPE_C_NAME'], fileNames: ['ARPB_TX_ACTIONS'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    transactionId: { headers: ['TX_ID'], required: true },
    line: { headers: ['LINE'] },
    actionType: { headers: ['ACTION_TYPE_C_NAME'], required: true },
    actionDate: { headers: ['ACTION_DATE'], kind: 'date' },
    postDate: { headers: ['POST_DATE'], kind: 'date' },
    amountCents: { headers: ['ACTION_AMOUNT'], kind: 'money' },
    payerId: { headers: ['PAYOR_ID'] },
    payerName: { headers: ['PAYOR_ID_PAYOR_NAME'] },
    denialCode: { headers: ['DENIAL_CODE'], note: 'the CARC number Epic recorded for a denial' },
    denialDescription: { headers: ['DENIAL_CODE_REMIT_CODE_NAME'] },
    remitCodes: { headers: ['ACTION_REMIT_CODES'], kind: 'list', separator: ',' },
    procedureCode: { headers: ['PROC_ID'] },
  },
  records: [{ type: 'transaction-action' }],
  key: ['transactionId', 'line'],
};
