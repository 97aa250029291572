/**
 * The whole KPI aggregation as SQL over staging tables of canonical records (DESIGN.md section 7):
 * every Facts measure, A/R aging and distinct counts, with the rules of the JavaScript aggregation
 * (stream.ts) written as queries, so an engine such as DuckDB gives the same tables, and the same
 * SQL can run where a group's records already are (a warehouse holding the staging tables).
 *
 * The staging tables (`stagingTables`) hold what the connectors imported, one table per record
 * kind, names already resolved from the lookup records as the dataset resolves them. `derivedTables`
 * are CREATE TABLE … AS statements run in order; the `*Query` selects read them. Rows come back
 * keyed by member identities (`id:PRV001`, `name:…`, `class:…`, as members.ts names them); the
 * caller assigns the workbook keys (P01 …) and sorts.
 *
 * Rules that come from other files are built from them: the measure list (definitions.ts), the
 * reason-code sets (reason-codes.ts), the CARC categories that decide patient cost-sharing
 * (denials/reason-categories.ts), the denial rule (denials/denied.ts).
 * The dialect is DuckDB's (arg_min_null, FILTER, strftime, last_day, generate_series).
 */
import { categorisedCarcs } from '../denials/reason-categories';
import { NOT_ADJUDICATIONS, DENIED_STATUS } from '../denials/denied';
import { payerClassLabels } from '../model';
import { agingBuckets } from './types';
import { factMeasures } from './definitions';
import { NO_LOCATION, NO_PAYER, NO_PROVIDER } from './members';
import { contractualCarcs, denialCarcs } from './reason-codes';
import { ESTABLISHED_EM as ESTABLISHED_EM_CODE, NEW_PATIENT_EM as NEW_PATIENT_EM_CODE } from './stream';

/** Party columns of every staged record (names resolved); remittances have only the payer ones filled. */
const partyColumns = ['prov_id VARCHAR', 'npi VARCHAR', 'prov_name VARCHAR', 'loc_id VARCHAR', 'loc_name VARCHAR', 'payer_id VARCHAR', 'payer_name VARCHAR', 'payer_class VARCHAR'];

/** The staging tables: name → column definitions, in the order the loader appends them. Dates are ISO text. */
export const stagingTables = {
  stg_charge: ['seq BIGINT', 'claim_id VARCHAR', 'service_date VARCHAR', 'post_date VARCHAR', 'charge_cents BIGINT', 'units DOUBLE', 'procedure_code VARCHAR', 'modifiers VARCHAR', 'patient_key VARCHAR', ...partyColumns],
  stg_transaction: ['seq BIGINT', 'type VARCHAR', 'claim_id VARCHAR', 'post_date VARCHAR', 'amount_cents BIGINT', 'reason_group VARCHAR', 'reason_code VARCHAR', 'payment_source VARCHAR', ...partyColumns],
  stg_appointment: ['seq BIGINT', 'status VARCHAR', 'scheduled_for VARCHAR', 'booked_at VARCHAR', 'arrived_at VARCHAR', 'roomed_at VARCHAR', 'seen_at VARCHAR', 'checked_out_at VARCHAR', 'new_patient BOOLEAN', ...partyColumns],
  stg_encounter: ['seq BIGINT', 'encounter_date VARCHAR', 'patient_key VARCHAR', 'new_patient BOOLEAN', ...partyColumns],
  stg_remit_claim: ['seq BIGINT', 'record_key VARCHAR', 'claim_id VARCHAR', 'payment_date VARCHAR', 'claim_status VARCHAR', 'paid_cents BIGINT', 'charge_cents BIGINT', 'source VARCHAR', 'segment BIGINT', ...partyColumns],
  stg_remit_line: ['seq BIGINT', 'claim_key VARCHAR', 'claim_id VARCHAR', 'payment_date VARCHAR', ...partyColumns],
  /** CAS adjustments of remittance claims (owner 'claim') and lines (owner 'line'), by the owner's seq. */
  stg_remit_adjustment: ['owner VARCHAR', 'owner_seq BIGINT', 'position BIGINT', 'adjustment_group VARCHAR', 'reason VARCHAR', 'amount_cents BIGINT'],
  stg_rvu: ['seq BIGINT', 'procedure_code VARCHAR', 'modifier VARCHAR', 'year BIGINT', 'work_rvu DOUBLE'],
} as const;

export type StagingTable = keyof typeof stagingTables;

/** The separator of a charge line's modifiers in `stg_charge.modifiers`. */
export const MODIFIER_SEPARATOR = '\u0001';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (values: Iterable<string>) => [...values].map(quote).join(', ');

/** JavaScript's String.prototype.trim as SQL: DuckDB's one-argument trim strips spaces only. */
const JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const trim = (text: string) => `trim(${text}, ${quote(JS_WHITESPACE)})`;

// ---- Members (members.ts whoOf): identities and display names.

const PROVIDER = "CASE WHEN COALESCE(prov_id, npi) IS NOT NULL THEN 'id:' || COALESCE(prov_id, npi) WHEN prov_name IS NOT NULL THEN 'name:' || prov_name ELSE '' END";
const PROVIDER_NAME = `COALESCE(prov_name, prov_id, npi, ${quote(NO_PROVIDER)})`;
const LOCATION = "CASE WHEN loc_id IS NOT NULL THEN 'id:' || loc_id WHEN loc_name IS NOT NULL THEN 'name:' || loc_name ELSE '' END";
const LOCATION_NAME = `COALESCE(loc_name, loc_id, ${quote(NO_LOCATION)})`;
const PAYER = "CASE WHEN payer_id IS NOT NULL THEN 'id:' || payer_id WHEN payer_name IS NOT NULL THEN 'name:' || payer_name ELSE 'class:' || payer_class END";
/** members.ts payerlessName: the payer of a record that gives only a class. */
const PAYERLESS = `CASE payer_class WHEN 'self_pay' THEN 'Self-pay' WHEN 'unknown' THEN ${quote(NO_PAYER)} ${Object.entries(payerClassLabels)
  .filter(([c]) => c !== 'self_pay' && c !== 'unknown')
  .map(([c, label]) => `WHEN ${quote(c)} THEN ${quote(`${label} (payer not named)`)}`)
  .join(' ')} END`;
const PAYER_NAME = `COALESCE(payer_name, payer_id, ${PAYERLESS})`;

/** The Who columns of a record: identities and names of its provider, location and payer, and its payer class. */
const WHO = `${PROVIDER} AS provider, ${PROVIDER_NAME} AS provider_name, ${LOCATION} AS location, ${LOCATION_NAME} AS location_name, payer_class, ${PAYER} AS payer, ${PAYER_NAME} AS payer_name`;
const whoCols = ['provider', 'provider_name', 'location', 'location_name', 'payer_class', 'payer', 'payer_name'] as const;
/** The payer-only Who of a record that names only its payer (an initial denial of a claim without charges). */
const PAYER_ONLY: Readonly<Record<string, string>> = { provider: "''", provider_name: quote(NO_PROVIDER), location: "''", location_name: quote(NO_LOCATION) };
/** A claim's Who when it has charge lines (alias k), else the record's own (alias r; `payerOnly`: only its payer columns). */
const claimOrOwn = (payerOnly: boolean) =>
  whoCols.map((c) => `CASE WHEN k.claim_id IS NULL THEN ${(payerOnly ? PAYER_ONLY[c] : undefined) ?? `r.${c}`} ELSE k.${c} END AS ${c}`).join(', ');

// ---- Reason codes (reason-codes.ts carcOf, classifyAdjustment).

/** carcOf: the CARC without group prefix and leading zeros, else NULL. */
const carcOf = (code: string) => {
  const raw = String.raw`regexp_extract(upper(${trim(code)}), '^(?:(?:CO|OA|PI|PR|CR)[\s\-:]*)?([A-Z]?\d{1,3})$', 1)`;
  return String.raw`CASE WHEN ${raw} = '' THEN NULL WHEN regexp_full_match(${raw}, '\d+') THEN CAST(CAST(${raw} AS INTEGER) AS VARCHAR) ELSE ${raw} END`;
};

/** classifyAdjustment (reason-codes.ts) as SQL: 'contractual', 'denial' or 'other', from a group and a reason column. */
export const adjustmentKind = (group: string, reason: string) => {
  const g = `upper(${trim(group)})`;
  const carc = carcOf(reason);
  return `CASE
    WHEN (${carc}) IN (${list(denialCarcs)}) AND COALESCE(${g}, '') <> 'PR' THEN 'denial'
    WHEN ${g} = 'PR' THEN 'other'
    WHEN (${carc}) IN (${list(contractualCarcs)}) THEN 'contractual'
    WHEN ${g} = 'CO' AND (${carc}) IS NOT NULL THEN 'contractual'
    WHEN regexp_matches(${reason}, '(?i)contract|allowance|fee schedule') THEN 'contractual'
    ELSE 'other' END`;
};

/** denials/reason-categories.ts isCostSharing: group PR with a patient-responsibility CARC or one without a category. */
function costSharing(group: string, reason: string): string {
  const categories = categorisedCarcs();
  const patient = [...categories].filter(([, c]) => c === 'Patient responsibility').map(([code]) => code);
  const r = `upper(${trim(reason)})`;
  return `(${group} = 'PR' AND (${r} IN (${list(patient)}) OR ${r} NOT IN (${list(categories.keys())})))`;
}

/** Whole seconds of a local date-time as period.ts secondsBetween reads it (day, hours, minutes, seconds). */
const seconds = (t: string) =>
  `((CAST(substr(${t}, 1, 10) AS DATE) - DATE '1970-01-01') * 86400 + CAST(substr(${t}, 12, 2) AS BIGINT) * 3600 + CAST(substr(${t}, 15, 2) AS BIGINT) * 60 + COALESCE(CAST(NULLIF(substr(${t}, 18, 2), '') AS BIGINT), 0))`;

/** The Facts measures in definitions.ts order; cycle/wait times are in seconds and work RVUs in hundredths until `factsQuery`. */
const measures = factMeasures.map((m) => m.measure);

const NEW_PATIENT_EM = NEW_PATIENT_EM_CODE.source;
const ESTABLISHED_EM = ESTABLISHED_EM_CODE.source;

/**
 * The derived tables, in order. Each is a plain CREATE TABLE … AS, so an engine can keep them and
 * the selects below read them.
 */
export const derivedTables: readonly { readonly name: string; readonly sql: string }[] = [
  { name: 'charge', sql: `SELECT seq, claim_id, CAST(service_date AS DATE) AS service_date, CAST(post_date AS DATE) AS post_date, charge_cents, units, procedure_code, modifiers, patient_key, ${WHO} FROM stg_charge` },
  // A claim is reported under the parties of its first charge line, on its first date of service.
  {
    name: 'claim',
    sql: `SELECT claim_id, ${whoCols.map((c) => `arg_min_null(${c}, seq) AS ${c}`).join(', ')}, min(service_date) AS service_date, arg_min_null(patient_key, seq) AS patient_key, SUM(charge_cents) AS charge_cents
      FROM charge GROUP BY claim_id`,
  },
  {
    name: 'txn',
    sql: `SELECT r.seq, r.type, r.claim_id, r.post_date, r.amount_cents, r.reason_group, r.payment_source, r.carc, r.kind, k.claim_id IS NOT NULL AS charged,
        ${whoCols.map((c) => `r.${c} AS own_${c}`).join(', ')}, ${claimOrOwn(false)}
      FROM (SELECT seq, type, claim_id, CAST(post_date AS DATE) AS post_date, amount_cents, reason_group, payment_source, ${carcOf('reason_code')} AS carc,
          CASE WHEN type = 'payment' THEN 'payment' WHEN type = 'adjustment' THEN ${adjustmentKind('reason_group', 'reason_code')} ELSE 'transfer' END AS kind, ${WHO}
        FROM stg_transaction) r LEFT JOIN claim k ON k.claim_id = r.claim_id`,
  },
  // Remittances stand in for payments only when no payment rows were imported.
  { name: 'remit_switch', sql: "SELECT NOT EXISTS (SELECT 1 FROM txn WHERE type = 'payment') AND EXISTS (SELECT 1 FROM stg_remit_claim) AS remit_payments" },
  {
    name: 'remit_row',
    sql: `SELECT r.owner, r.seq, r.claim_id, r.payment_date, r.paid_cents, k.claim_id IS NOT NULL AS charged, ${claimOrOwn(true)}
      FROM (SELECT 'claim' AS owner, seq, claim_id, CAST(payment_date AS DATE) AS payment_date, paid_cents, ${WHO} FROM stg_remit_claim WHERE payment_date IS NOT NULL
        UNION ALL SELECT 'line', seq, claim_id, CAST(payment_date AS DATE), 0, ${WHO} FROM stg_remit_line WHERE payment_date IS NOT NULL) r
      LEFT JOIN claim k ON k.claim_id = r.claim_id
      WHERE (SELECT remit_payments FROM remit_switch)`,
  },
  // Patient responsibility (PR) stays in A/R, billed to the patient.
  {
    name: 'remit_money',
    sql: `SELECT a.owner, a.owner_seq, a.position, a.amount_cents, ${adjustmentKind('a.adjustment_group', 'a.reason')} AS kind
      FROM stg_remit_adjustment a JOIN remit_row r ON r.owner = a.owner AND r.seq = a.owner_seq WHERE upper(a.adjustment_group) <> 'PR'`,
  },
  { name: 'enc', sql: `SELECT seq, CAST(encounter_date AS DATE) AS encounter_date, patient_key, new_patient, ${WHO} FROM stg_encounter` },
  {
    name: 'appt',
    sql: `SELECT seq, status, CAST(substr(scheduled_for, 1, 10) AS DATE) AS day, CAST(substr(booked_at, 1, 10) AS DATE) AS booked_day,
        ${seconds('checked_out_at')} - ${seconds('arrived_at')} AS cycle_seconds, ${seconds('COALESCE(roomed_at, seen_at)')} - ${seconds('arrived_at')} AS wait_seconds,
        new_patient, ${WHO} FROM stg_appointment`,
  },
  {
    name: 'flags',
    sql: `SELECT EXISTS (SELECT 1 FROM enc) AS has_encounters,
        NOT EXISTS (SELECT 1 FROM enc WHERE new_patient IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM appt WHERE new_patient IS NOT NULL) AS use_em_codes,
        EXISTS (SELECT 1 FROM stg_rvu) AS has_rvus,
        EXISTS (SELECT 1 FROM stg_remit_claim) AS has_remits,
        EXISTS (SELECT 1 FROM txn WHERE type = 'adjustment' AND carc IS NOT NULL) AS coded`,
  },
  // Work RVUs (rvu.ts): a code's RVU for the service year (else the nearest earlier year, else the
  // earliest), its modifiers' rows first, then the global row; the first record of a year wins.
  { name: 'rvu', sql: `SELECT upper(${trim('procedure_code')}) AS code, upper(${trim('modifier')}) AS modifier, year, arg_min(work_rvu, seq) AS work_rvu FROM stg_rvu GROUP BY ALL` },
  {
    name: 'unit_group',
    sql: `SELECT strftime(service_date, '%Y-%m') AS month, provider, location, payer_class, payer, procedure_code, modifiers, CAST(year(service_date) AS BIGINT) AS year, SUM(units) AS units
      FROM charge WHERE (SELECT has_rvus FROM flags) GROUP BY ALL`,
  },
  {
    name: 'unit_rvu',
    sql: `WITH unit_key AS (SELECT DISTINCT procedure_code, modifiers, year FROM unit_group),
      attempt AS (
        SELECT procedure_code, modifiers, year, upper(${trim('m.modifier')}) AS modifier, m.position FROM unit_key,
          (SELECT unnest(string_split(modifiers, ${quote(MODIFIER_SEPARATOR)})) AS modifier, generate_subscripts(string_split(modifiers, ${quote(MODIFIER_SEPARATOR)}), 1) AS position) m
        WHERE modifiers <> ''
        UNION ALL SELECT procedure_code, modifiers, year, '', 1000000 FROM unit_key),
      hit AS (
        SELECT a.procedure_code, a.modifiers, a.year, a.position,
          COALESCE(arg_max(r.work_rvu, r.year) FILTER (WHERE r.year <= a.year), arg_min(r.work_rvu, r.year)) AS work_rvu
        FROM attempt a JOIN rvu r ON r.code = upper(${trim('a.procedure_code')}) AND r.modifier = a.modifier GROUP BY ALL)
      SELECT procedure_code, modifiers, year, arg_min(work_rvu, position) AS work_rvu FROM hit GROUP BY ALL`,
  },
  // Initial denials, from remittances: each claim × payer's first adjudication (reversals and
  // predeterminations set aside), in the order they happened (denials/analytics.ts firstAdjudications).
  {
    name: 'first_adjudication',
    sql: `SELECT * EXCLUDE (nth), row_number() OVER (ORDER BY chronology) AS denial_order FROM (
        SELECT *, row_number() OVER (PARTITION BY payer_key, claim_id ORDER BY chronology) AS nth FROM (
          SELECT seq, record_key, claim_id, payment_date, claim_status, paid_cents, charge_cents, COALESCE(payer_id, payer_name, '(unknown payer)') AS payer_key,
            {'paid': COALESCE(payment_date, '9999-99-99'), 'file': source, 'segment': COALESCE(segment, 0), 'seq': seq} AS chronology, ${WHO}
          FROM stg_remit_claim WHERE claim_status NOT IN (${list(NOT_ADJUDICATIONS)})))
      WHERE nth = 1`,
  },
  // Denied (denials/denied.ts isDeniedClaim): status 4, or nothing paid on a positive charge, no
  // patient cost-sharing, and a write-off that is not a correction (CR) or the prior payer's (CARC 23).
  {
    name: 'remit_denial',
    sql: `WITH adjustment AS (
        SELECT f.seq, a.adjustment_group, a.reason, a.amount_cents FROM first_adjudication f JOIN stg_remit_adjustment a ON a.owner = 'claim' AND a.owner_seq = f.seq
        UNION ALL SELECT f.seq, a.adjustment_group, a.reason, a.amount_cents FROM first_adjudication f JOIN stg_remit_line l ON l.claim_key = f.record_key JOIN stg_remit_adjustment a ON a.owner = 'line' AND a.owner_seq = l.seq),
      reading AS (SELECT seq, bool_or(amount_cents > 0 AND ${costSharing('adjustment_group', 'reason')}) AS cost_sharing,
          bool_or(amount_cents > 0 AND adjustment_group <> 'CR' AND reason <> '23' AND NOT ${costSharing('adjustment_group', 'reason')}) AS written_off
        FROM adjustment GROUP BY seq)
      SELECT f.seq, f.claim_id, f.denial_order, CAST(f.payment_date AS DATE) AS adjudicated, f.charge_cents,
        f.claim_status = ${quote(DENIED_STATUS)} OR (f.paid_cents = 0 AND f.charge_cents > 0 AND NOT COALESCE(d.cost_sharing, false) AND COALESCE(d.written_off, false)) AS denied,
        f.payer_class, f.payer, f.payer_name
      FROM first_adjudication f LEFT JOIN reading d ON d.seq = f.seq WHERE f.payment_date IS NOT NULL`,
  },
  // … or, without remittances, from adjustment reason codes: the first day the payer acted on the
  // claim (an insurance payment or a CARC-coded adjustment other than PR); denied when an
  // adjustment posted that day has a denial CARC.
  {
    name: 'coded_denial',
    sql: `WITH action AS (SELECT * FROM txn WHERE claim_id IS NOT NULL AND ((type = 'payment' AND payment_source <> 'patient') OR (type = 'adjustment' AND carc IS NOT NULL AND COALESCE(upper(reason_group), '') <> 'PR'))),
      firsts AS (SELECT claim_id, min(post_date) AS adjudicated, min(seq) AS denial_order FROM action GROUP BY claim_id)
      SELECT f.claim_id, f.denial_order, f.adjudicated, COALESCE(k.charge_cents, 0) AS charge_cents,
        bool_or(a.kind = 'denial') AS denied, arg_min(a.own_payer_class, a.seq) AS payer_class, arg_min(a.own_payer, a.seq) AS payer, arg_min(a.own_payer_name, a.seq) AS payer_name
      FROM firsts f JOIN action a ON a.claim_id = f.claim_id AND a.post_date = f.adjudicated LEFT JOIN claim k ON k.claim_id = f.claim_id
      GROUP BY f.claim_id, f.denial_order, f.adjudicated, k.charge_cents`,
  },
  {
    name: 'denial',
    sql: `SELECT r.claim_id, r.denial_order, r.adjudicated, r.charge_cents, r.denied, k.claim_id IS NOT NULL AS charged, ${claimOrOwn(true)}
      FROM (SELECT claim_id, denial_order, adjudicated, charge_cents, denied, payer_class, payer, payer_name FROM remit_denial WHERE (SELECT has_remits FROM flags)
        UNION ALL SELECT claim_id, denial_order, adjudicated, charge_cents, denied, payer_class, payer, payer_name FROM coded_denial WHERE NOT (SELECT has_remits FROM flags) AND (SELECT coded FROM flags)) r
      LEFT JOIN claim k ON k.claim_id = r.claim_id`,
  },
  // Every contribution to a Facts cell: one row per record (as stream.ts opens a cell per record), measures 0 where it adds none.
  { name: 'contribution', sql: contributions() },
];

function contributions(): string {
  const part = (from: string, values: Partial<Record<(typeof measures)[number], string>>, date: string) =>
    `SELECT strftime(${date}, '%Y-%m') AS month, provider, location, payer_class, payer, ${measures.map((m) => `${values[m] ?? '0'} AS "${m}"`).join(', ')} FROM ${from}`;
  const em = (pattern: string) => `CASE WHEN (SELECT use_em_codes FROM flags) AND regexp_matches(${trim('procedure_code')}, '${pattern}') THEN 1 ELSE 0 END`;
  const lag = 'post_date IS NOT NULL AND post_date - service_date >= 0';
  const noEncounters = 'NOT (SELECT has_encounters FROM flags)';
  const parts = [
    part(
      'charge',
      {
        chargeCents: 'charge_cents',
        chargeLines: '1',
        chargeLagDays: `CASE WHEN ${lag} THEN post_date - service_date ELSE 0 END`,
        chargeLagLines: `CASE WHEN ${lag} THEN 1 ELSE 0 END`,
        newPatientVisits: em(NEW_PATIENT_EM),
        visitsWithNewFlag: `${em(NEW_PATIENT_EM)} + ${em(ESTABLISHED_EM)}`,
      },
      'service_date',
    ),
    // Work RVUs per cell × code × modifiers × year: the RVU × Σ units, rounded to hundredths as stream.ts rounds it.
    part('unit_group JOIN unit_rvu USING (procedure_code, modifiers, year)', { workRvus: 'CAST(floor(work_rvu * units * 100 + 0.5) AS BIGINT)' }, "CAST(month || '-01' AS DATE)"),
    part(
      "txn WHERE type <> 'transfer'",
      {
        paymentCents: "CASE WHEN kind = 'payment' THEN amount_cents ELSE 0 END",
        contractualAdjustmentCents: "CASE WHEN kind = 'contractual' THEN amount_cents ELSE 0 END",
        otherAdjustmentCents: "CASE WHEN kind IN ('denial', 'other') THEN amount_cents ELSE 0 END",
      },
      'post_date',
    ),
    part(
      `remit_row r LEFT JOIN (SELECT owner, owner_seq, SUM(amount_cents) FILTER (WHERE kind = 'contractual') AS contractual, SUM(amount_cents) FILTER (WHERE kind <> 'contractual') AS other
        FROM remit_money GROUP BY ALL) m ON m.owner = r.owner AND m.owner_seq = r.seq`,
      { paymentCents: 'paid_cents', contractualAdjustmentCents: 'COALESCE(contractual, 0)', otherAdjustmentCents: 'COALESCE(other, 0)' },
      'payment_date',
    ),
    part(
      'enc',
      { encounters: '1', visitsWithNewFlag: 'CASE WHEN new_patient IS NOT NULL THEN 1 ELSE 0 END', newPatientVisits: 'CASE WHEN new_patient THEN 1 ELSE 0 END' },
      'encounter_date',
    ),
    part(`claim WHERE ${noEncounters}`, { encounters: '1' }, 'service_date'),
    part(
      'appt',
      {
        appointments: '1',
        completed: "CASE WHEN status = 'completed' THEN 1 ELSE 0 END",
        noShows: "CASE WHEN status = 'no_show' THEN 1 ELSE 0 END",
        cancelled: "CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END",
        lateCancels: "CASE WHEN status = 'late_cancel' THEN 1 ELSE 0 END",
        leadDays: 'CASE WHEN day - booked_day >= 0 THEN day - booked_day ELSE 0 END',
        leadAppointments: 'CASE WHEN day - booked_day >= 0 THEN 1 ELSE 0 END',
        cycleMinutes: 'CASE WHEN cycle_seconds >= 0 THEN cycle_seconds ELSE 0 END',
        cycleVisits: 'CASE WHEN cycle_seconds >= 0 THEN 1 ELSE 0 END',
        waitMinutes: 'CASE WHEN wait_seconds >= 0 THEN wait_seconds ELSE 0 END',
        waitVisits: 'CASE WHEN wait_seconds >= 0 THEN 1 ELSE 0 END',
        // Appointments' new/established flags count only when no encounter records were imported.
        visitsWithNewFlag: `CASE WHEN ${noEncounters} AND status = 'completed' AND new_patient IS NOT NULL THEN 1 ELSE 0 END`,
        newPatientVisits: `CASE WHEN ${noEncounters} AND status = 'completed' AND new_patient THEN 1 ELSE 0 END`,
      },
      'day',
    ),
    part(
      'denial',
      { claimsAdjudicated: '1', adjudicatedCents: 'charge_cents', denials: 'CASE WHEN denied THEN 1 ELSE 0 END', deniedCents: 'CASE WHEN denied THEN charge_cents ELSE 0 END' },
      'adjudicated',
    ),
  ];
  return parts.join('\nUNION ALL\n');
}

/** The Facts table: month, provider, location, payer_class, payer (identities) and one column per measure. */
export const factsQuery = `SELECT month, provider, location, payer_class, payer, ${measures
  .map((m) =>
    m === 'cycleMinutes' || m === 'waitMinutes'
      ? `CAST(SUM("${m}") AS DOUBLE) / 60 AS "${m}"`
      : m === 'workRvus'
        ? `CAST(SUM("${m}") AS DOUBLE) / 100 AS "${m}"`
        : `CAST(SUM("${m}") AS DOUBLE) AS "${m}"`,
  )
  .join(', ')}
FROM contribution GROUP BY ALL`;

/**
 * Members and their display names: each identity takes the name (and a payer its class) of the
 * record that registered it first, in the order stream.ts registers them: charge lines, then
 * payments naming no charged claim, remittances standing in for payments, encounters,
 * appointments, and initial denials of claims without charges.
 */
export const membersQuery = `WITH registration AS (
    SELECT 1 AS phase, seq AS ord, ${whoCols.join(', ')} FROM charge
    UNION ALL SELECT 2, seq, ${whoCols.join(', ')} FROM txn WHERE type <> 'transfer' AND NOT charged
    UNION ALL SELECT CASE owner WHEN 'claim' THEN 3 ELSE 4 END, seq, ${whoCols.join(', ')} FROM remit_row WHERE NOT charged
    UNION ALL SELECT 5, seq, ${whoCols.join(', ')} FROM enc
    UNION ALL SELECT 6, seq, ${whoCols.join(', ')} FROM appt
    UNION ALL SELECT 7, denial_order, ${whoCols.join(', ')} FROM denial WHERE NOT charged),
  ranked AS (SELECT *, (phase, ord) AS registered FROM registration)
SELECT 'provider' AS dimension, provider AS identity, arg_min(provider_name, registered) AS name, NULL AS payer_class FROM ranked GROUP BY provider
UNION ALL SELECT 'location', location, arg_min(location_name, registered), NULL FROM ranked GROUP BY location
UNION ALL SELECT 'payer', payer, arg_min(payer_name, registered), arg_min(payer_class, registered) FROM ranked GROUP BY payer`;

/** What the aggregation saw, counted (reading.ts ReadingCounts, plus the latest date in the data). */
export const countsQuery = `SELECT
  (SELECT count(*) FROM charge) AS charge_lines,
  (SELECT count(post_date) FROM charge) AS charge_post_dates,
  (SELECT count(*) FROM claim) AS charged_claims,
  (SELECT count(*) FROM txn WHERE kind = 'contractual') + (SELECT count(*) FROM remit_money WHERE kind = 'contractual') AS contractual_adjustments,
  (SELECT count(*) FROM txn WHERE type <> 'transfer' AND NOT charged) AS unmatched_transactions,
  (SELECT count(*) FROM txn WHERE type <> 'transfer' AND charged) AS linked_transactions,
  (SELECT remit_payments FROM remit_switch) AS remit_payments,
  (SELECT count(*) FROM enc) AS encounter_records,
  EXISTS (SELECT 1 FROM enc WHERE new_patient IS NOT NULL) AS encounter_new_flags,
  EXISTS (SELECT 1 FROM appt WHERE status = 'completed' AND new_patient IS NOT NULL) AS completed_appointment_new_flags,
  (SELECT use_em_codes FROM flags) AND EXISTS (SELECT 1 FROM charge WHERE regexp_matches(${trim('procedure_code')}, '${NEW_PATIENT_EM}|${ESTABLISHED_EM}')) AS em_codes_counted,
  CASE WHEN (SELECT has_encounters FROM flags) THEN EXISTS (SELECT 1 FROM enc WHERE patient_key IS NOT NULL) ELSE EXISTS (SELECT 1 FROM claim WHERE patient_key IS NOT NULL) END AS visits_with_patient,
  EXISTS (SELECT 1 FROM appt WHERE status NOT IN ('unknown', 'scheduled')) AS appointment_outcomes,
  EXISTS (SELECT 1 FROM appt WHERE status IN ('cancelled', 'late_cancel')) AS cancellations,
  (SELECT count(*) FROM appt WHERE day - booked_day >= 0) AS lead_times,
  (SELECT count(*) FROM appt WHERE cycle_seconds >= 0) AS cycle_times,
  (SELECT count(*) FROM appt WHERE wait_seconds >= 0) AS wait_times,
  CASE WHEN (SELECT has_remits FROM flags) THEN 'remittances' WHEN (SELECT coded FROM flags) THEN 'adjustment-reason-codes' ELSE 'none' END AS denials,
  (SELECT count(*) FROM first_adjudication WHERE payment_date IS NULL) AS undated_adjudications,
  (SELECT has_rvus FROM flags) AS work_rvus,
  CAST(greatest(
    (SELECT max(greatest(service_date, COALESCE(post_date, service_date))) FROM charge),
    (SELECT max(post_date) FROM txn WHERE type <> 'transfer'),
    (SELECT max(day) FROM appt WHERE status IN ('completed', 'no_show')),
    (SELECT max(encounter_date) FROM enc),
    (SELECT max(payment_date) FROM remit_row WHERE owner = 'claim')) AS VARCHAR) AS latest`;

/** The month ends A/R is aged at: every month from the first Facts month to the last. */
const MONTHS = `(SELECT strftime(m, '%Y-%m') AS month, last_day(m) AS month_end FROM (
    SELECT unnest(generate_series(min(d), max(d), INTERVAL 1 MONTH)) AS m FROM (SELECT CAST(month || '-01' AS DATE) AS d FROM contribution)))`;

/**
 * A/R aging: each charged claim's balance at every month end (charges on their post date, less
 * payments and adjustments on theirs, and remittance payments and non-PR adjustments when those
 * stand in for payments), aged from its first date of service; claims with nothing open left out.
 */
export const agingQuery = `WITH event AS (
    SELECT claim_id, COALESCE(post_date, service_date) AS day, charge_cents AS cents FROM charge
    UNION ALL SELECT claim_id, post_date, -amount_cents FROM txn WHERE type <> 'transfer' AND charged
    UNION ALL SELECT claim_id, payment_date, -paid_cents FROM remit_row WHERE owner = 'claim' AND charged
    UNION ALL SELECT r.claim_id, r.payment_date, -m.amount_cents FROM remit_money m JOIN remit_row r ON r.owner = m.owner AND r.seq = m.owner_seq WHERE r.charged),
  by_month AS (SELECT claim_id, strftime(day, '%Y-%m') AS month, SUM(cents) AS cents FROM event GROUP BY ALL),
  running AS (SELECT claim_id, month, SUM(cents) OVER (PARTITION BY claim_id ORDER BY month) AS balance, lead(month) OVER (PARTITION BY claim_id ORDER BY month) AS next_month FROM by_month),
  open_balance AS (SELECT r.claim_id, m.month, m.month_end, r.balance FROM running r JOIN ${MONTHS} m ON m.month >= r.month AND (r.next_month IS NULL OR m.month < r.next_month) WHERE r.balance <> 0)
SELECT o.month, k.provider, k.location, k.payer_class, k.payer, ${agingBucketSql('o.month_end - k.service_date')} AS bucket,
  CAST(SUM(o.balance) AS DOUBLE) AS open_cents, count(*) AS claims
FROM open_balance o JOIN claim k USING (claim_id) GROUP BY ALL`;

/** aging.ts agingBucket as a CASE over a number of days. */
function agingBucketSql(days: string): string {
  const limits = [30, 60, 90, 120];
  return `CASE ${limits.map((limit, i) => `WHEN ${days} <= ${limit} THEN ${quote(agingBuckets[i] as string)}`).join(' ')} ELSE ${quote(agingBuckets[limits.length] as string)} END`;
}

/**
 * Distinct counts per period (the month, the trailing 12 months, year to date) × slice (all, provider,
 * location, payer class, payer): unique patients, provider × day pairs, providers. Visits are the
 * encounters, or each charged claim on its first date of service when there are none.
 */
export const distinctQuery = `WITH visit AS (
    SELECT encounter_date AS day, patient_key, provider, location, payer_class, payer FROM enc
    UNION ALL SELECT service_date, patient_key, provider, location, payer_class, payer FROM claim WHERE NOT (SELECT has_encounters FROM flags)),
  sliced AS (
    SELECT CAST(date_trunc('month', day) AS DATE) AS visit_month, day, patient_key, provider, s.dimension, s.slice_key FROM visit,
      (SELECT unnest([{'dimension': 'all', 'slice_key': 'all'}, {'dimension': 'provider', 'slice_key': provider}, {'dimension': 'location', 'slice_key': location},
        {'dimension': 'payerClass', 'slice_key': payer_class}, {'dimension': 'payer', 'slice_key': payer}], recursive := true)) s),
  period AS (SELECT month, CAST(month || '-01' AS DATE) AS first_day FROM ${MONTHS})
SELECT p.kind AS period, p.month, s.dimension, s.slice_key, count(DISTINCT s.patient_key) AS unique_patients, count(DISTINCT (s.provider, s.day)) AS clinic_days, count(DISTINCT s.provider) AS providers
FROM sliced s JOIN (
    SELECT 'month' AS kind, month, first_day AS from_month, first_day AS to_month FROM period
    UNION ALL SELECT 't12', month, CAST(first_day - INTERVAL 11 MONTH AS DATE), first_day FROM period
    UNION ALL SELECT 'ytd', month, CAST(date_trunc('year', first_day) AS DATE), first_day FROM period) p
  ON s.visit_month BETWEEN p.from_month AND p.to_month
GROUP BY ALL`;
