/**
 * Every real export in the shared fixtures imports through its built-in profile with nothing
 * rejected, and its totals match figures computed here straight from the file text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import type { Appointment, ChargeLine, Transaction, TransactionAction } from '../../../core/model';
import { summarize } from '../../../core/source';
import { fixture } from '../../support/paths';
import { importBytes, importFile } from '../helpers';

/** A small quote-aware CSV line splitter, written here so the check does not reuse papaparse. */
function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function table(path: string, tsv: boolean): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows = tsv ? text.split(/\r?\n/).filter((l) => l !== '').map((l) => l.split('\t')) : splitCsv(text).filter((r) => r.join('') !== '');
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

/** Dollars text → cents, by string arithmetic. */
function cents(text: string): number {
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return negative ? -value : value;
}

const sum = (rows: Record<string, string>[], column: string) => rows.reduce((s, r) => s + cents(r[column] || '0'), 0);

const expectedProfiles: Record<string, Record<string, string>> = {
  epic_ehi_billing: {
    'ACCOUNT.tsv': 'epic-account',
    'ACCOUNT_2.tsv': 'epic-account-2',
    'ACCT_TX.tsv': 'epic-acct-tx',
    'ARPB_TRANSACTIONS.tsv': 'epic-arpb-transactions',
    'ARPB_TRANSACTIONS2.tsv': 'epic-arpb-transactions2',
    'ARPB_TRANSACTIONS3.tsv': 'epic-arpb-transactions3',
    'ARPB_TX_ACTIONS.tsv': 'epic-arpb-tx-actions',
    'ARPB_VISITS.tsv': 'epic-arpb-visits',
    'CLARITY_EAP.tsv': 'epic-clarity-eap',
    'CLARITY_SER.tsv': 'epic-clarity-ser',
    'PAT_ENC_APPT.tsv': 'epic-pat-enc-appt',
  },
  synthea_csv: {
    'claims.csv': 'synthea-claims',
    'claims_transactions.csv': 'synthea-claims-transactions',
    'conditions.csv': 'synthea-conditions',
    'encounters.csv': 'synthea-encounters',
    'organizations.csv': 'synthea-organizations',
    'patients.csv': 'synthea-patients',
    'payer_transitions.csv': 'synthea-payer-transitions',
    'payers.csv': 'synthea-payers',
    'procedures.csv': 'synthea-procedures',
    'providers.csv': 'synthea-providers',
  },
  appointments: { 'KaggleV2-May-2016.first20000rows.csv': 'kaggle-no-shows' },
};

describe('connectors/profiles (shared fixtures)', () => {
  describe('built-in profiles', () => {
    for (const [dir, files] of Object.entries(expectedProfiles)) {
      it(`import every file of ${dir} with its profile, no row rejected, one record set per row`, async () => {
        const present = readdirSync(fixture(dir)).sort();
        assert.deepEqual(present, Object.keys(files).sort(), 'the fixture folder holds the files this test knows');
        for (const [file, profile] of Object.entries(files)) {
          const path = fixture(dir, file);
          const r = await importFile(path);
          const rows = table(path, file.endsWith('.tsv')).length;
          assert.equal(r.profile, profile, file);
          assert.equal(r.rowsRead, rows, `${file}: rows`);
          assert.equal(r.rowsRejected, 0, `${file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
          assert.deepEqual(
            r.issues.filter((i) => i.severity === 'error'),
            [],
            file,
          );
        }
      });
    }
  });

  describe('epic-arpb-transactions', () => {
    it('ties charge, payment and adjustment totals to ARPB_TRANSACTIONS.tsv, in Epic sign', async () => {
      const path = fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv');
      const rows = table(path, true);
      const of = (type: string) => rows.filter((r) => r.TX_TYPE_C_NAME === type);
      const r = await importFile(path);
      const s = summarize(r);
      assert.equal(s.chargeCents, sum(of('Charge'), 'AMOUNT'));
      assert.equal(s.paymentCents, sum(of('Payment'), 'AMOUNT'));
      assert.equal(s.adjustmentCents, sum(of('Adjustment'), 'AMOUNT'));
      assert.equal(s.recordsByType.charge, of('Charge').length);
      assert.ok(s.paymentCents < 0, 'Epic states payments as negative credits');
      const payments = r.records.filter((x): x is Transaction => x.type === 'payment');
      assert.equal(
        payments.reduce((t, p) => t + p.amountCents, 0),
        -s.paymentCents,
        'canonical payments are positive',
      );
    });

    it('keeps a voided charge with its void date, and reads local codes, payer and class', async () => {
      const path = fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv');
      const voided = table(path, true).filter((row) => row.VOID_DATE !== '');
      const r = await importFile(path);
      const charges = r.records.filter((x): x is ChargeLine => x.type === 'charge');
      assert.deepEqual(
        charges.filter((c) => c.voidDate !== undefined).map((c) => c.key),
        voided.map((v) => v.TX_ID),
      );
      const first = charges.find((c) => c.key === '355871699');
      assert.equal(first?.procedureCode, '23870');
      assert.equal(first?.procedureCodeSystem, 'local');
      assert.equal(first?.serviceDate, '2023-09-28');
      assert.equal(first?.postDate, '2023-10-12');
      assert.equal(first?.payerName, 'BLUE CROSS OF WISCONSIN');
      assert.equal(first?.payerClass, 'commercial');
      assert.deepEqual(first?.modifiers, ['25']);
      const selfPay = r.records.find((x): x is Transaction => x.type === 'payment' && x.key === '194272840');
      assert.equal(selfPay?.payerClass, 'self_pay');
    });

    it('reads the same table from another installation: columns reordered, some missing, some extra', async () => {
      const path = fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv');
      const rows = table(path, true);
      const keep = ['AMOUNT', 'TX_TYPE_C_NAME', 'TX_ID', 'SERVICE_DATE', 'POST_DATE', 'PROC_ID', 'SERV_PROVIDER_ID', 'PAYOR_ID_PAYOR_NAME', 'VOID_DATE'];
      const header = [...keep, 'LOCAL_CUSTOM_FLAG'];
      const text = [header.join('\t'), ...rows.map((r) => [...keep.map((k) => r[k] ?? ''), 'x'].join('\t'))].join('\r\n');
      const r = await importBytes('arpb_tx_export.txt', new TextEncoder().encode(text));
      assert.equal(r.profile, 'epic-arpb-transactions');
      assert.equal(r.rowsRejected, 0);
      assert.equal(summarize(r).chargeCents, sum(rows.filter((x) => x.TX_TYPE_C_NAME === 'Charge'), 'AMOUNT'));
      assert.deepEqual(r.mapping?.unmappedHeaders, ['LOCAL_CUSTOM_FLAG']);
    });

    it('reads denial actions with their CARC and the remit codes Epic listed', async () => {
      const path = fixture('epic_ehi_billing', 'ARPB_TX_ACTIONS.tsv');
      const rows = table(path, true);
      const r = await importFile(path);
      const actions = r.records as TransactionAction[];
      assert.equal(actions.filter((a) => a.actionType === 'Denied').length, rows.filter((x) => x.ACTION_TYPE_C_NAME === 'Denied').length);
      assert.deepEqual(
        actions.map((a) => a.remitCodes.join(',')),
        rows.map((x) => x.ACTION_REMIT_CODES ?? ''),
      );
      assert.deepEqual(
        actions.filter((a) => a.denialCode !== undefined).map((a) => a.denialCode),
        rows.filter((x) => x.DENIAL_CODE !== '').map((x) => x.DENIAL_CODE),
      );
    });

    it('never lets guarantor names, birth dates or phone numbers into records', async () => {
      for (const file of ['ACCOUNT.tsv', 'ACCOUNT_2.tsv', 'ARPB_TRANSACTIONS.tsv', 'ARPB_VISITS.tsv']) {
        const path = fixture('epic_ehi_billing', file);
        const raw = readFileSync(path, 'utf8');
        const r = await importFile(path);
        const text = JSON.stringify(r.records);
        for (const secret of ['MANDEL', '617-894-1015', '10/26/1982', '1982-10-26', '1810018166']) {
          if (raw.includes(secret)) assert.ok(!text.includes(secret), `${file} leaks ${secret}`);
        }
      }
    });
  });

  describe('synthea-claims-transactions', () => {
    it('ties Σ AMOUNT of CHARGE rows and Σ PAYMENTS of PAYMENT rows to the file', async () => {
      const path = fixture('synthea_csv', 'claims_transactions.csv');
      const rows = table(path, false);
      const r = await importFile(path);
      const s = summarize(r);
      assert.equal(s.chargeCents, sum(rows.filter((x) => x.TYPE === 'CHARGE'), 'AMOUNT'));
      assert.equal(s.paymentCents, sum(rows.filter((x) => x.TYPE === 'PAYMENT'), 'PAYMENTS'));
      assert.equal(s.adjustmentCents, sum(rows.filter((x) => x.TYPE === 'ADJUSTMENT'), 'ADJUSTMENTS'));
      assert.equal(s.recordsByType.transfer, rows.filter((x) => (x.TYPE ?? '').startsWith('TRANSFER')).length);
    });

    it('keeps patients pseudonymous: no Synthea patient id, name or SSN in any record', async () => {
      const patients = table(fixture('synthea_csv', 'patients.csv'), false);
      for (const file of ['patients.csv', 'claims.csv', 'encounters.csv', 'payer_transitions.csv']) {
        const text = JSON.stringify((await importFile(fixture('synthea_csv', file))).records);
        for (const p of patients) {
          for (const secret of [p.Id, p.SSN, p.FIRST, p.LAST, p.ADDRESS]) {
            if (secret !== undefined && secret !== '') assert.ok(!text.includes(secret), `${file} leaks ${secret}`);
          }
        }
      }
      const r = await importFile(fixture('synthea_csv', 'patients.csv'));
      assert.deepEqual(
        r.records.map((p) => (p as { birthYear?: number }).birthYear).sort(),
        patients.map((p) => Number(p.BIRTHDATE?.slice(0, 4))).sort(),
      );
    });
  });

  describe('kaggle-no-shows', () => {
    it('reads the no-show outcome, the booking time and the appointment day', async () => {
      const path = fixture('appointments', 'KaggleV2-May-2016.first20000rows.csv');
      const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
      const noShows = lines.slice(1).filter((l) => l.endsWith(',Yes')).length;
      const r = await importFile(path);
      const appointments = r.records as Appointment[];
      assert.equal(appointments.filter((a) => a.status === 'no_show').length, noShows);
      assert.equal(appointments.filter((a) => a.status === 'completed').length, lines.length - 1 - noShows);
      const first = appointments[0];
      assert.equal(first?.appointmentId, '5642903');
      assert.equal(first?.bookedAt, '2016-04-29T18:38:08');
      assert.equal(first?.scheduledFor, '2016-04-29T00:00:00');
      assert.equal(first?.locationName, 'JARDIM DA PENHA');
      assert.ok(!JSON.stringify(appointments.slice(0, 50)).includes('29872499824296'), 'patient ids are pseudonymised');
    });
  });

  describe('encodings end to end', () => {
    it('imports a Synthea providers file saved as UTF-16 LE/BE and Windows-1252, accents intact', async () => {
      const text = readFileSync(fixture('synthea_csv', 'providers.csv'), 'utf8');
      const lines = text.split('\n');
      const cells = (lines[1] ?? '').split(',');
      cells[2] = 'Zoë Müller-Gonçalves';
      lines[1] = cells.join(',');
      const accented = lines.join('\n');
      const u16 = (be: boolean) => {
        const out = new Uint8Array(2 + accented.length * 2);
        out[0] = be ? 0xfe : 0xff;
        out[1] = be ? 0xff : 0xfe;
        for (let i = 0; i < accented.length; i++) {
          const c = accented.charCodeAt(i);
          out[2 + i * 2] = be ? c >> 8 : c & 0xff;
          out[3 + i * 2] = be ? c & 0xff : c >> 8;
        }
        return out;
      };
      const cp1252 = Uint8Array.from(accented, (ch) => ch.charCodeAt(0));
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(accented)]);
      for (const [label, bytes] of [
        ['utf-16le', u16(false)],
        ['utf-16be', u16(true)],
        ['windows-1252', cp1252],
        ['utf-8 bom', withBom],
      ] as const) {
        const r = await importBytes('providers.csv', bytes, {}, 4096);
        assert.equal(r.profile, 'synthea-providers', label);
        assert.equal(r.rowsRead, lines.filter((l) => l !== '').length - 1, label);
        assert.equal((r.records[0] as { name?: string }).name, 'Zoë Müller-Gonçalves', label);
        assert.equal(r.issues.some((i) => i.code === 'encoding'), label === 'windows-1252', label);
      }
    });
  });
});
