/**
 * `practice price --payer P --code C [--modifiers 26,LT] [--units N] [--billed AMT] [--dos YYYY-MM-DD]
 *  [--setting facility|non-facility] [--locality MAC-LL] [--json] --in FILE_OR_DIR...`
 * Imports the fee schedules, contract terms and CMS files given, and prints the expected allowed
 * amount of one service with the steps that produced it (amounts in integer cents in --json).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { contractBook } from '../../core/contracts/book';
import { expectedAmount, percentOfMedicare, type ServiceLine } from '../../core/contracts/pricing';
import { formatCents, parseMoney } from '../../core/money';
import { parseDate } from '../../core/period';
import { contractRecords } from '../../core/plan/contracts-workbook';
import { EXIT, type CliIo } from '../io';
import { loadInputs } from './build';

const usage = `Usage: practice price --payer PAYER --code CODE [--modifiers 26,LT] [--units N] [--billed AMOUNT]
                      [--dos YYYY-MM-DD] [--setting facility|non-facility] [--locality MAC-LL] [--json] --in FILE_OR_DIR...

Prices one service under the payer's contract in force on the date of service and explains how.
  --payer      payer name or id as the fee schedule or contract terms name it
  --code       CPT/HCPCS code; --modifiers a comma list (26, TC and 50 change the price)
  --units      units (default 1); --billed the billed charge (for lesser-of)
  --dos        date of service (default: today)
  --setting    facility or non-facility rates when the contract prices by place of service
  --locality   Medicare locality (e.g. 01112-54) when the contract terms do not name one
  --json       print JSON: amounts in integer cents, with the steps
  --in         fee schedules, contract terms, PPRRVU and GPCI files (CSV/XLSX) or folders`;

interface PriceArgs {
  inputs: string[];
  json: boolean;
  service: ServiceLine;
  locality: string | undefined;
}

function parseArgs(argv: readonly string[], today: string): PriceArgs | string {
  const inputs: string[] = [];
  const named = new Map<string, string>();
  let json = false;
  let collecting = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--in') collecting = true;
    else if (arg === '--json') {
      json = true;
      collecting = false;
    } else if (['--payer', '--code', '--modifiers', '--units', '--billed', '--dos', '--setting', '--locality'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      named.set(arg.slice(2), value);
      collecting = false;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (collecting) inputs.push(arg);
    else return `unexpected argument ${arg} (inputs follow --in)`;
  }
  const payer = named.get('payer');
  const code = named.get('code');
  if (payer === undefined) return '--payer is required';
  if (code === undefined) return '--code is required';
  if (inputs.length === 0) return '--in FILE_OR_DIR is required';
  const units = Number(named.get('units') ?? '1');
  if (!(units > 0)) return `--units must be a positive number: ${named.get('units')}`;
  let billedCents: number | undefined;
  const billed = named.get('billed');
  if (billed !== undefined) {
    const m = parseMoney(billed, { decimalSeparator: '.' });
    if (!m.ok) return `--billed: ${m.error}`;
    billedCents = m.value;
  }
  const dosText = named.get('dos') ?? today;
  const dos = parseDate(dosText);
  if (!dos.ok) return `--dos: ${dos.error.message}`;
  const setting = named.get('setting');
  if (setting !== undefined && setting !== 'facility' && setting !== 'non-facility') return `--setting must be facility or non-facility: ${setting}`;
  return {
    inputs,
    json,
    locality: named.get('locality'),
    service: {
      payer,
      code: code.trim().toUpperCase(),
      modifiers: (named.get('modifiers') ?? '').split(/[,\s]+/).filter((m) => m !== ''),
      units,
      billedCents,
      serviceDate: dos.value.date,
      setting,
    },
  };
}

export const command = {
  summary: 'price one service under a payer contract and show the steps',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, new Date().toISOString().slice(0, 10));
    if (typeof args === 'string') {
      io.err(`practice price: ${args}\n\n${usage}`);
      return EXIT.usage;
    }
    for (const input of args.inputs) {
      if (!existsSync(resolve(io.cwd, input))) {
        io.err(`practice price: ${input} does not exist`);
        return EXIT.unreadable;
      }
    }
    const loaded = await loadInputs(args.inputs, io.cwd);
    if (loaded.unreadable.length > 0) {
      io.err(`practice price: could not read ${loaded.unreadable.join(', ')}`);
      return EXIT.unreadable;
    }
    const book = contractBook(contractRecords(loaded.dataset));
    const result = expectedAmount(book, args.service, { locality: args.locality });
    const service = { payer: args.service.payer, code: args.service.code, modifiers: args.service.modifiers, units: args.service.units, billedCents: args.service.billedCents ?? null, serviceDate: args.service.serviceDate };
    if (!result.ok) {
      if (args.json) io.out(JSON.stringify({ ok: false, ...service, problem: result.error.flag, message: result.error.message }, null, 2));
      else io.out(`Not priced: ${result.error.message}`);
      return EXIT.ok;
    }
    const v = result.value;
    const pct = percentOfMedicare(v.rateCents, v.medicareCents);
    if (args.json) {
      io.out(
        JSON.stringify(
          {
            ok: true,
            ...service,
            expectedCents: v.cents,
            basis: v.basis,
            rateCents: v.rateCents,
            medicareCents: v.medicareCents ?? null,
            percentOfMedicare: pct,
            flags: v.flags,
            contract: v.term === undefined ? null : { payer: v.term.payer, plan: v.term.plan ?? null, effectiveFrom: v.term.effectiveFrom, effectiveTo: v.term.effectiveTo ?? null },
            feeSchedule: v.rate === undefined ? null : { payer: v.rate.payer, plan: v.rate.plan ?? null, effectiveFrom: v.rate.effectiveFrom, effectiveTo: v.rate.effectiveTo ?? null, source: v.rate.lineage.source, line: v.rate.lineage.line ?? null },
            steps: v.steps,
          },
          null,
          2,
        ),
      );
    } else {
      io.out([`${args.service.code} for ${args.service.payer} on ${args.service.serviceDate}: expected ${formatCents(v.cents)}`, ...v.steps.map((s) => `  - ${s.text}`)].join('\n'));
    }
    return EXIT.ok;
  },
};
