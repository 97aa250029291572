/**
 * Synthea claims_transactions.csv: one row per charge, payment, adjustment or transfer of a claim
 * line. CHARGE rows carry the amount in AMOUNT, PAYMENT rows in PAYMENTS, ADJUSTMENT rows in
 * ADJUSTMENTS; a TRANSFEROUT moves a balance (TRANSFERS) to the next payer, its TRANSFERIN (AMOUNT)
 * receives it. Synthea states every amount positive, which is the canonical sign, except that a
 * transfer out is negative canonically (it leaves this payer's balance).
 */
import type { MappingProfileInput } from '../schema';

/** Synthea patient ids: pseudonymised like every patient identifier. */
export const SYNTHEA_PATIENT = 'synthea-patient';

export const syntheaClaimsTransactions: MappingProfileInput = {
  id: 'synthea-claims-transactions',
  label: 'Synthea claim transactions (claims_transactions.csv)',
  recognise: { headers: ['ID', 'CLAIMID', 'TYPE', 'AMOUNT', 'PAYMENTS'], fileNames: ['claims_transactions'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    transactionId: { headers: ['ID'], required: true },
    claimId: { headers: ['CLAIMID'], required: true },
    lineNumber: { headers: ['CHARGEID'] },
    transactionType: { headers: ['TYPE'], required: true },
    patientKey: { headers: ['PATIENTID'], kind: 'patient', namespace: SYNTHEA_PATIENT },
    amount: { headers: ['AMOUNT'], kind: 'money' },
    payments: { headers: ['PAYMENTS'], kind: 'money' },
    adjustments: { headers: ['ADJUSTMENTS'], kind: 'money' },
    transfers: { headers: ['TRANSFERS'], kind: 'money' },
    method: { headers: ['METHOD'] },
    serviceDate: { headers: ['FROMDATE'], kind: 'date', required: true },
    locationId: { headers: ['PLACEOFSERVICE'] },
    procedureCode: { headers: ['PROCEDURECODE'] },
    modifiers: { headers: ['MODIFIER1', 'MODIFIER2'], kind: 'list' },
    units: { headers: ['UNITS'], kind: 'number' },
    encounterId: { headers: ['APPOINTMENTID'], note: 'Synthea puts the encounter id here' },
    renderingProviderId: { headers: ['PROVIDERID'] },
  },
  records: [
    { type: 'charge', when: { input: 'transactionType', in: ['CHARGE'] }, from: { chargeCents: 'amount' }, set: { procedureCodeSystem: 'SNOMED' } },
    { type: 'payment', when: { input: 'transactionType', in: ['PAYMENT'] }, from: { statedAmountCents: 'payments', postDate: 'serviceDate' } },
    { type: 'adjustment', when: { input: 'transactionType', in: ['ADJUSTMENT'] }, from: { statedAmountCents: 'adjustments', postDate: 'serviceDate' } },
    { type: 'transfer', when: { input: 'transactionType', in: ['TRANSFERIN'] }, from: { statedAmountCents: ['amount', 'transfers'], postDate: 'serviceDate' } },
    { type: 'transfer', when: { input: 'transactionType', in: ['TRANSFEROUT'] }, sign: -1, from: { statedAmountCents: ['transfers', 'amount'], postDate: 'serviceDate' } },
  ],
  key: ['transactionId'],
};
