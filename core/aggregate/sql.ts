/**
 * The Facts table as SQL over files in our canonical CSV layout (charges.csv, transactions.csv,
 * appointments.csv), for an embedded engine such as DuckDB (DESIGN.md section 7). It is built from
 * the same definitions as the JavaScript aggregation: the measure list (definitions.ts), the
 * reason-code sets that decide contractual vs other adjustments (reason-codes.ts), and the member
 * identities of members.ts (`id:` ids, else `name:` names, payers without either by `class:`).
 *
 * Covered: the charge, payment/adjustment, claim-as-encounter and appointment measures, straight from
 * the files (the bench's "read_csv + GROUP BY" stage). The whole aggregation as SQL (every measure,
 * A/R aging, distinct counts, names resolved) is sql-engine.ts, over staging tables of imported records.
 * The SQL is DuckDB's dialect (read_csv, date_diff, FILTER); identifiers are read as text.
 */
import { factMeasures } from './definitions';
import { adjustmentKind } from './sql-engine';
import type { FactMeasure } from './types';

export interface CanonicalFiles {
  readonly charges: string;
  readonly transactions?: string | undefined;
  readonly appointments?: string | undefined;
}

/** The measures the SQL computes, by the table their records come from. */
export const sqlMeasures: Readonly<Record<'charges' | 'transactions' | 'claims' | 'appointments', Partial<Record<FactMeasure, string>>>> = {
  charges: {
    chargeCents: 'SUM(charge_cents)',
    chargeLines: 'COUNT(*)',
    chargeLagDays: "SUM(date_diff('day', service_date, post_date)) FILTER (WHERE post_date >= service_date)",
    chargeLagLines: 'COUNT(*) FILTER (WHERE post_date >= service_date)',
  },
  transactions: {
    paymentCents: "SUM(amount_cents) FILTER (WHERE transaction_type = 'payment')",
    contractualAdjustmentCents: "SUM(amount_cents) FILTER (WHERE transaction_type = 'adjustment' AND kind = 'contractual')",
    otherAdjustmentCents: "SUM(amount_cents) FILTER (WHERE transaction_type = 'adjustment' AND kind <> 'contractual')",
  },
  claims: { encounters: 'COUNT(*)' },
  appointments: {
    appointments: 'COUNT(*)',
    completed: "COUNT(*) FILTER (WHERE status = 'completed')",
    noShows: "COUNT(*) FILTER (WHERE status = 'no_show')",
    cancelled: "COUNT(*) FILTER (WHERE status = 'cancelled')",
    lateCancels: "COUNT(*) FILTER (WHERE status = 'late_cancel')",
    leadDays: "SUM(date_diff('day', booked_day, scheduled_day)) FILTER (WHERE booked_day <= scheduled_day)",
    leadAppointments: 'COUNT(*) FILTER (WHERE booked_day <= scheduled_day)',
    cycleMinutes: "SUM(date_diff('second', arrived_at, checked_out_at) / 60.0) FILTER (WHERE checked_out_at >= arrived_at)",
    cycleVisits: 'COUNT(*) FILTER (WHERE checked_out_at >= arrived_at)',
    waitMinutes: "SUM(date_diff('second', arrived_at, roomed) / 60.0) FILTER (WHERE roomed >= arrived_at)",
    waitVisits: 'COUNT(*) FILTER (WHERE roomed >= arrived_at)',
  },
};

/** The measures the SQL computes, in the Facts table's column order. */
export const sqlFactMeasures: readonly FactMeasure[] = factMeasures
  .map((m) => m.measure)
  .filter((m) => Object.values(sqlMeasures).some((table) => table[m] !== undefined));

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const read = (path: string) => `read_csv(${quote(path)}, header = true, all_varchar = true)`;
/** Party columns of each canonical layout (connectors/profiles/canonical). */
const partyColumns = {
  charges: ['rendering_provider_id', 'rendering_npi', 'rendering_provider_name', 'location_id', 'location_name', 'payer_id', 'payer_name', 'payer_class'],
  transactions: ['rendering_provider_id', 'location_id', 'payer_id', 'payer_name', 'payer_class'],
  appointments: ['rendering_provider_id', 'rendering_provider_name', 'location_id', 'location_name', 'payer_class'],
} as const;
type Layout = keyof typeof partyColumns;

/** COALESCE over the columns the layout has, in members.ts order of preference. */
function identity(layout: Layout, t: string, options: readonly [prefix: string, column: string][], fallback: string): string {
  const have = new Set<string>(partyColumns[layout]);
  const terms = options.filter(([, c]) => have.has(c)).map(([prefix, c]) => `'${prefix}' || ${t}.${c}`);
  return `COALESCE(${[...terms, fallback].join(', ')})`;
}
const payerClass = (layout: Layout, t: string) => (partyColumns[layout] as readonly string[]).includes('payer_class') ? `COALESCE(${t}.payer_class, 'unknown')` : "'unknown'";
const provider = (layout: Layout, t: string) => identity(layout, t, [['id:', 'rendering_provider_id'], ['id:', 'rendering_npi'], ['name:', 'rendering_provider_name']], "''");
const location = (layout: Layout, t: string) => identity(layout, t, [['id:', 'location_id'], ['name:', 'location_name']], "''");
const payer = (layout: Layout, t: string) => identity(layout, t, [['id:', 'payer_id'], ['name:', 'payer_name']], `'class:' || ${payerClass(layout, t)}`);
const cents = (column: string) => `CAST(round(CAST(trim(${column}) AS DECIMAL(18, 2)) * 100) AS BIGINT)`;

/**
 * One SELECT giving the Facts table: month, provider, location, payer_class, payer (member
 * identities, not workbook keys) and one column per measure of `sqlFactMeasures`.
 */
export function factsSql(files: CanonicalFiles): string {
  const parts: { table: keyof typeof sqlMeasures; from: string }[] = [];
  const ctes: string[] = [
    `charge_rows AS (SELECT *, row_number() OVER () AS rn FROM ${read(files.charges)})`,
    `charges AS (SELECT ${provider('charges', 'c')} AS provider, ${location('charges', 'c')} AS location, ${payerClass('charges', 'c')} AS payer_class, ${payer('charges', 'c')} AS payer,
      c.claim_id, c.patient_id, CAST(c.service_date AS DATE) AS service_date, CAST(c.post_date AS DATE) AS post_date, ${cents('c.charge_amount')} AS charge_cents, c.rn
      FROM charge_rows c)`,
    // A claim is reported under the parties of its first charge line, on its first date of service.
    `claims AS (SELECT claim_id, arg_min(provider, rn) AS provider, arg_min(location, rn) AS location, arg_min(payer_class, rn) AS payer_class,
      arg_min(payer, rn) AS payer, min(service_date) AS service_date FROM charges GROUP BY claim_id)`,
  ];
  parts.push({ table: 'charges', from: "SELECT strftime(service_date, '%Y-%m') AS month, provider, location, payer_class, payer, * EXCLUDE (provider, location, payer_class, payer) FROM charges" });
  parts.push({ table: 'claims', from: "SELECT strftime(service_date, '%Y-%m') AS month, provider, location, payer_class, payer FROM claims" });
  if (files.transactions !== undefined) {
    ctes.push(`transactions AS (SELECT t.*, ${adjustmentKind('t.reason_group', 't.reason_code')} AS kind, ${cents('t.amount')} AS amount_cents,
      ${provider('transactions', 't')} AS own_provider, ${location('transactions', 't')} AS own_location, ${payerClass('transactions', 't')} AS own_payer_class, ${payer('transactions', 't')} AS own_payer
      FROM ${read(files.transactions)} t WHERE t.transaction_type IN ('payment', 'adjustment'))`);
    parts.push({
      table: 'transactions',
      from: `SELECT strftime(CAST(t.post_date AS DATE), '%Y-%m') AS month, COALESCE(k.provider, t.own_provider) AS provider, COALESCE(k.location, t.own_location) AS location,
        CASE WHEN k.claim_id IS NULL THEN t.own_payer_class ELSE k.payer_class END AS payer_class, COALESCE(k.payer, t.own_payer) AS payer, t.transaction_type, t.kind, t.amount_cents
        FROM transactions t LEFT JOIN claims k ON k.claim_id = t.claim_id`,
    });
  }
  if (files.appointments !== undefined) {
    ctes.push(`appointments AS (SELECT ${provider('appointments', 'a')} AS provider, ${location('appointments', 'a')} AS location, ${payerClass('appointments', 'a')} AS payer_class, ${payer('appointments', 'a')} AS payer,
      a.status, CAST(a.scheduled_for AS TIMESTAMP) AS scheduled_for, CAST(substr(a.booked_at, 1, 10) AS DATE) AS booked_day, CAST(substr(a.scheduled_for, 1, 10) AS DATE) AS scheduled_day,
      CAST(a.arrived_at AS TIMESTAMP) AS arrived_at, CAST(a.checked_out_at AS TIMESTAMP) AS checked_out_at, CAST(COALESCE(a.roomed_at, a.seen_at) AS TIMESTAMP) AS roomed
      FROM ${read(files.appointments)} a)`);
    parts.push({ table: 'appointments', from: "SELECT strftime(scheduled_day, '%Y-%m') AS month, * FROM appointments" });
  }
  const selects = parts.map(({ table, from }) => {
    const measures = sqlFactMeasures.map((m) => `${sqlMeasures[table][m] ?? '0'} AS "${m}"`).join(', ');
    return `SELECT month, provider, location, payer_class, payer, ${measures} FROM (${from}) GROUP BY ALL`;
  });
  const totals = sqlFactMeasures.map((m) => `SUM("${m}") AS "${m}"`).join(', ');
  return `WITH ${ctes.join(',\n')}
SELECT month, provider, location, payer_class, payer, ${totals}
FROM (${selects.join('\nUNION ALL\n')})
GROUP BY ALL ORDER BY ALL`;
}
