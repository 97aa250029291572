/**
 * A small practice a person can check by hand: 3 claims, 4 encounters, 5 appointments.
 * The expected values in the tests are worked out in the comments next to each assertion.
 */
import { assembleDataset, type Dataset } from '../../../core/dataset';
import { Appointment, ChargeLine, Encounter, Transaction, type CanonicalRecord } from '../../../core/model';

const lineage = { source: 'small.csv', profile: 'test' };
let n = 0;
const key = () => `k${++n}`;

const drA = { renderingProviderId: 'A', renderingProviderName: 'Dr Adams', locationId: 'L1', locationName: 'Main St' };
const drB = { renderingProviderId: 'B', renderingProviderName: 'Dr Baker', locationId: 'L1', locationName: 'Main St' };
const medicare = { payerId: 'MCR', payerName: 'Medicare Part B', payerClass: 'medicare' as const };
const aetna = { payerId: 'AET', payerName: 'Aetna', payerClass: 'commercial' as const };

function charge(claimId: string, who: object, payer: object, serviceDate: string, postDate: string, cents: number, code: string, patientKey: string) {
  return ChargeLine.parse({ type: 'charge', key: key(), lineage, claimId, serviceDate, postDate, chargeCents: cents, procedureCode: code, patientKey, ...who, ...payer });
}

function tx(type: 'payment' | 'adjustment', claimId: string, postDate: string, cents: number, group?: string, reason?: string) {
  return Transaction.parse({
    type,
    key: key(),
    lineage,
    claimId,
    postDate,
    amountCents: cents,
    statedAmountCents: type === 'payment' ? -cents : cents,
    paymentSource: 'insurance',
    ...(group !== undefined ? { reasonGroup: group } : {}),
    ...(reason !== undefined ? { reasonCode: reason } : {}),
  });
}

function encounter(id: string, date: string, who: object, patientKey: string, newPatient: boolean) {
  return Encounter.parse({ type: 'encounter', key: key(), lineage, encounterId: id, date, patientKey, newPatient, ...who, ...medicare });
}

function appointment(id: string, fields: Record<string, unknown>) {
  return Appointment.parse({ type: 'appointment', key: key(), lineage, appointmentId: id, ...drA, ...medicare, ...fields });
}

export function smallPracticeRecords(): CanonicalRecord[] {
  return [
    charge('C1', drA, medicare, '2024-01-10', '2024-01-12', 10000, '99213', 'p1'),
    charge('C2', drB, aetna, '2024-01-20', '2024-01-25', 20000, '99203', 'p2'),
    charge('C3', drA, medicare, '2024-02-05', '2024-02-05', 30000, '99214', 'p3'),
    tx('payment', 'C1', '2024-01-31', 6000),
    tx('adjustment', 'C1', '2024-01-31', 3000, 'CO', '45'),
    tx('adjustment', 'C2', '2024-02-10', 5000, 'CO', '50'),
    tx('payment', 'C2', '2024-03-05', 12000),
    tx('payment', 'C3', '2024-02-28', 15000),
    tx('adjustment', 'C3', '2024-02-28', 10000, 'CO', '45'),
    tx('payment', 'C1', '2024-05-15', 1000),
    encounter('E1', '2024-01-10', drA, 'p1', false),
    encounter('E2', '2024-01-20', drB, 'p2', true),
    encounter('E3', '2024-02-05', drA, 'p1', false),
    encounter('E4', '2024-02-05', drA, 'p3', true),
    appointment('A1', {
      status: 'completed',
      bookedAt: '2024-01-01T12:00:00',
      scheduledFor: '2024-01-10T09:00:00',
      arrivedAt: '2024-01-10T08:55:00',
      roomedAt: '2024-01-10T09:05:00',
      checkedOutAt: '2024-01-10T09:40:00',
    }),
    appointment('A2', { status: 'no_show', scheduledFor: '2024-01-15T09:00:00' }),
    appointment('A3', { status: 'late_cancel', scheduledFor: '2024-01-16T09:00:00' }),
    appointment('A4', { status: 'cancelled', scheduledFor: '2024-01-17T09:00:00' }),
    appointment('A5', {
      status: 'completed',
      bookedAt: '2024-01-10T08:00:00',
      scheduledFor: '2024-01-20T10:00:00',
      arrivedAt: '2024-01-20T10:00:00',
      roomedAt: '2024-01-20T10:15:00',
      checkedOutAt: '2024-01-20T11:00:00',
    }),
  ];
}

export function smallPractice(extra: CanonicalRecord[] = []): Dataset {
  const records = [...smallPracticeRecords(), ...extra];
  return assembleDataset([
    { file: 'small.csv', format: 'csv', profile: 'test', rowsRead: records.length, recordsImported: records.length, rowsRejected: 0, records, issues: [] },
  ]);
}
