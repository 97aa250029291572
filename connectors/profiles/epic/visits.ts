/** Epic ARPB_VISITS: professional-billing visits with their totals, and PAT_ENC_APPT appointment lines. */
import type { MappingProfileInput } from '../schema';
import { EPIC_ACCOUNT } from './transactions';

export const epicVisits: MappingProfileInput = {
  id: 'epic-arpb-visits',
  label: 'Epic professional billing visits (ARPB_VISITS)',
  recognise: { headers: ['PB_VISIT_ID'], fileNames: ['ARPB_VISITS'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    visitId: { headers: ['PB_VISIT_ID'], required: true },
    visitNumber: { headers: ['PB_VISIT_NUM'] },
    encounterId: { headers: ['PRIM_ENC_CSN_ID'] },
    accountKey: { headers: ['GUARANTOR_ID'], kind: 'patient', namespace: EPIC_ACCOUNT },
    financialClass: { headers: ['ACCT_FIN_CLASS_C_NAME'] },
    payerClass: { headers: ['ACCT_FIN_CLASS_C_NAME'], kind: 'payer-class' },
    locationId: { headers: ['REVENUE_LOCATION_ID'] },
    departmentId: { headers: ['DEPARTMENT_ID'] },
    billingStatus: { headers: ['PB_BILLING_STATUS_C_NAME'] },
    chargesCents: { headers: ['PB_TOTAL_CHARGES'], kind: 'money' },
    paymentsCents: { headers: ['PB_TOTAL_PAYMENTS'], kind: 'money' },
    adjustmentsCents: { headers: ['PB_TOTAL_ADJ'], kind: 'money' },
    balanceCents: { headers: ['PB_TOTAL_BALANCE'], kind: 'money' },
    firstChargeTransactionId: { headers: ['FIRST_PB_CHG_TX_ID'] },
  },
  records: [{ type: 'billing-visit' }],
  key: ['visitId'],
};

/**
 * Epic PAT_ENC_APPT: appointment lines of patient encounters. The EHI table has no status column;
 * where an installation adds APPT_STATUS_C_NAME it is read, otherwise the status is "unknown".
 */
export const epicAppointments: MappingProfileInput = {
  id: 'epic-pat-enc-appt',
  label: 'Epic appointments (PAT_ENC_APPT)',
  recognise: { headers: ['PAT_ENC_CSN_ID', 'CONTACT_DATE'], fileNames: ['PAT_ENC_APPT'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    appointmentId: { headers: ['PAT_ENC_CSN_ID'], required: true },
    line: { headers: ['LINE'] },
    contactDate: { headers: ['CONTACT_DATE'], kind: 'datetime', required: true },
    startTime: { headers: ['PROV_START_TIME', 'APPT_TIME'], kind: 'datetime' },
    locationId: { headers: ['DEPARTMENT_ID'] },
    renderingProviderId: { headers: ['PROV_ID', 'VISIT_PROV_ID'] },
    status: {
      headers: ['APPT_STATUS_C_NAME'],
      values: {
        completed: 'completed',
        arrived: 'completed',
        'no show': 'no_show',
        'left without seen': 'no_show',
        canceled: 'cancelled',
        cancelled: 'cancelled',
        scheduled: 'scheduled',
        '*': 'unknown',
      },
    },
    bookedAt: { headers: ['APPT_MADE_DTTM', 'APPT_MADE_DATE'], kind: 'datetime' },
    cancelledAt: { headers: ['APPT_CANC_DTTM', 'APPT_CANC_DATE'], kind: 'datetime' },
    arrivedAt: { headers: ['CHECKIN_TIME', 'APPT_ARRIVAL_DTTM'], kind: 'datetime' },
    roomedAt: { headers: ['ROOMED_TIME'], kind: 'datetime' },
    checkedOutAt: { headers: ['CHECKOUT_TIME'], kind: 'datetime' },
  },
  records: [
    {
      type: 'appointment',
      from: { scheduledFor: ['startTime', 'contactDate'], encounterId: 'appointmentId' },
      set: { status: 'unknown' },
    },
  ],
  key: ['appointmentId', 'line'],
};
