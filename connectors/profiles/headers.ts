/**
 * Header matching. Exports spell the same column many ways ("Date of Service", "DOS", "Svc Date",
 * "SERVICE_DATE"); matching compares normalised text, and the synonyms below carry the wording
 * practice-management reports use, so a generic report maps without a profile made for it.
 */

/** Lower case, `#` read as "no", everything but letters and digits removed: "Patient Acct #" → "patientacctno". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, 'no')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Canonical input → the wordings PM/EHR reports use for it. Profiles spread these into their
 * `headers` after the layout's own header.
 */
export const synonyms = {
  serviceDate: ['Service Date', 'DOS', 'Date of Service', 'Svc Date', 'Serv Date', 'From Date', 'DOS From', 'Service From', 'Visit Date'],
  postDate: ['Post Date', 'Posting Date', 'Posted Date', 'Posted', 'Entry Date', 'Transaction Date', 'Trans Date', 'Deposit Date'],
  procedureCode: ['Procedure Code', 'CPT', 'CPT Code', 'CPT/HCPCS', 'HCPCS', 'Proc Code', 'Proc', 'Procedure', 'Service Code', 'Code'],
  chargeCents: ['Charges', 'Charge', 'Charge Amt', 'Charge Amount', 'Billed', 'Billed Amount', 'Billed Amt', 'Fee', 'Gross Charges', 'Total Charges'],
  insurancePayment: ['Ins Pmt', 'Insurance Payment', 'Insurance Payments', 'Ins Payment', 'Ins Paid', 'Insurance Paid', 'Payer Paid'],
  patientPayment: ['Pt Pmt', 'Patient Payment', 'Patient Payments', 'Pat Pmt', 'Pt Paid', 'Patient Paid', 'Copay Paid'],
  adjustment: ['Adj Amt', 'Adjustment', 'Adjustments', 'Adj', 'Adjustment Amount', 'Contractual Adj', 'Write Off', 'Write-off'],
  units: ['Units', 'Unit', 'Qty', 'Quantity', 'Days/Units', 'Service Units'],
  modifiers: ['Modifiers', 'Modifier', 'Mod 1', 'Mod 2', 'Mod 3', 'Mod 4', 'Modifier 1', 'Modifier 2', 'Modifier 3', 'Modifier 4', 'Mod1', 'Mod2', 'Mod3', 'Mod4'],
  diagnosisCodes: ['Diagnosis Codes', 'Dx', 'Diagnosis', 'ICD-10', 'ICD10', 'Dx 1', 'Dx 2', 'Dx 3', 'Dx 4', 'Diagnosis 1', 'Diagnosis 2', 'Diagnosis 3', 'Diagnosis 4', 'ICD 1', 'ICD 2', 'ICD 3', 'ICD 4'],
  placeOfService: ['Place of Service', 'POS', 'POS Code'],
  payerName: ['Payer Name', 'Primary Insurance', 'Primary Payer', 'Insurance', 'Payer', 'Carrier', 'Ins Carrier', 'Primary Carrier', 'Insurance Name', 'Plan'],
  payerClass: ['Payer Class', 'Fin Class', 'Financial Class', 'Fin. Class', 'FC', 'Payor Class', 'Insurance Type', 'Coverage Type'],
  patientId: ['Patient ID', 'Patient Acct #', 'Patient Account', 'Patient Account Number', 'Acct #', 'Account #', 'Account Number', 'MRN', 'Medical Record Number', 'Chart #', 'Chart Number', 'Patient Number', 'Pt Acct #'],
  claimId: ['Claim ID', 'Claim #', 'Claim Number', 'Claim No', 'Encounter #', 'Ticket #', 'Invoice #', 'Voucher #'],
  lineNumber: ['Line Number', 'Line #', 'Line', 'Line No', 'Charge Line'],
  renderingProviderName: ['Rendering Provider', 'Rendering', 'Provider', 'Rendering Provider Name', 'Servicing Provider', 'Performing Provider', 'Doctor', 'Physician', 'Resource'],
  renderingProviderId: ['Rendering Provider ID', 'Provider ID', 'Rendering ID', 'Servicing Provider ID'],
  renderingNpi: ['Rendering NPI', 'NPI', 'Provider NPI', 'Rendering Provider NPI'],
  billingNpi: ['Billing NPI', 'Group NPI', 'Billing Provider NPI'],
  billingProviderId: ['Billing Provider ID', 'Billing Provider'],
  locationName: ['Location', 'Location Name', 'Facility', 'Facility Name', 'Site', 'Office', 'Department', 'Practice Location', 'Service Location', 'Clinic'],
  locationId: ['Location ID', 'Facility ID', 'Site ID', 'Department ID'],
  payerId: ['Payer ID', 'Payor ID', 'Insurance ID', 'Carrier ID', 'Carrier Code', 'Ins Code'],
  encounterId: ['Encounter ID', 'Visit ID', 'Visit #', 'Visit Number', 'CSN'],
  appointmentId: ['Appointment ID', 'Appt ID', 'Appt #', 'Appointment #', 'Appointment Number'],
  scheduledFor: ['Appt Date', 'Appointment Date', 'Appt Time', 'Appointment Time', 'Appt Date/Time', 'Scheduled For', 'Start Time', 'Appointment Start'],
  bookedAt: ['Scheduled', 'Scheduled On', 'Date Scheduled', 'Booked', 'Booked At', 'Booked On', 'Created', 'Date Made', 'Made On', 'Scheduled Date'],
  status: ['Appt Status', 'Appointment Status', 'Status', 'Visit Status'],
  visitType: ['Visit Type', 'Appt Type', 'Appointment Type', 'Type of Visit', 'Reason'],
  transactionType: ['Transaction Type', 'Trans Type', 'Tx Type', 'Type'],
  amount: ['Amount', 'Amt', 'Transaction Amount', 'Payment Amount', 'Pmt Amt'],
} as const satisfies Record<string, readonly string[]>;
