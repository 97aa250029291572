/**
 * A mapping profile is data: how to recognise an export layout, which columns feed which canonical
 * fields (with the wordings practice-management reports use), how to read each value, and which
 * record(s) each row becomes. Built-in profiles live beside this file, one per layout; a user's
 * profile is the same JSON, validated by `MappingProfileSchema`.
 */
import { z } from 'zod';

/** How a cell's text is read. */
export const ValueKind = z.enum([
  /** Text as written (trimmed); identifiers and codes are text, leading zeros kept. */
  'text',
  /** An amount of money → integer cents (core/money parseMoney, the profile's decimal separator). */
  'money',
  /** A calendar date → YYYY-MM-DD (core/period parseDate, the profile's date order); a time is dropped. */
  'date',
  /** A date-time → YYYY-MM-DDTHH:MM:SS (midnight when the cell has only a date). */
  'datetime',
  /** A number (units, quantities). */
  'number',
  /** A year: of a date (a birth date becomes a birth year, nothing finer), or a four-digit number. */
  'year',
  /** Yes/no: Y, N, Yes, No, True, False, 1, 0. */
  'boolean',
  /** A list: several columns (Mod 1 … Mod 4), or one cell split by `separator`. */
  'list',
  /** A patient or guarantor identifier → pseudonymous key (core/privacy). Never kept as written. */
  'patient',
  /** A payer or financial-class name → payer class (medicare, medicaid, commercial, self_pay, …). */
  'payer-class',
  /** An NPI: ten digits, else dropped with a warning. */
  'npi',
]);
export type ValueKind = z.infer<typeof ValueKind>;

export const InputColumn = z.object({
  /** The header as the layout writes it first, then synonyms. Matching ignores case, spaces and punctuation. */
  headers: z.array(z.string().min(1)).min(1),
  kind: ValueKind.default('text'),
  /** A row whose cell is empty (or unreadable) for a required input is rejected. */
  required: z.boolean().default(false),
  /** For `list`: split one cell by this text (several columns are collected when they match). */
  separator: z.string().min(1).optional(),
  /** Text → canonical value, matched ignoring case (e.g. No-show "Yes" → "no_show"); `*` catches the rest. */
  values: z.record(z.string(), z.string()).optional(),
  /** For `patient`: the identifier's namespace, so MRN 123 of one system is not claim 123 of another. */
  namespace: z.string().min(1).optional(),
  /** Reads a column another input also reads (e.g. a payer id that also says "insurance paid"). */
  shared: z.boolean().optional(),
  /** What the column means, for the mapping report and saved profiles. */
  note: z.string().optional(),
});
export type InputColumn = z.infer<typeof InputColumn>;

const Constant = z.union([z.string(), z.number(), z.boolean()]);

/** Which record a row makes, and when. A row may make several (a PM report line: charge + payments). */
export const RecordRule = z.object({
  type: z.enum([
    'charge',
    'payment',
    'adjustment',
    'transfer',
    'appointment',
    'encounter',
    'provider',
    'payer',
    'location',
    'procedure',
    'claim',
    'patient',
    'coverage',
    'clinical-procedure',
    'condition',
    'guarantor-account',
    'billing-visit',
    'transaction-action',
    'transaction-detail',
  ]),
  /** Only when this input's text is one of `in` (ignoring case), or its amount is not zero, or it is not empty. */
  when: z
    .object({
      input: z.string().min(1),
      in: z.array(z.string()).optional(),
      nonZero: z.boolean().optional(),
      nonEmpty: z.boolean().optional(),
    })
    .optional(),
  /** Canonical field → input(s) to take it from, first non-empty wins (default: the input of the same name). */
  from: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** Canonical field → constant (e.g. `paymentSource: "insurance"`, `procedureCodeSystem: "local"`). */
  set: z.record(z.string(), Constant).optional(),
  /** Canonical amount = sign × the amount as stated (Epic states payments and write-offs as negative credits). */
  sign: z.union([z.literal(1), z.literal(-1)]).default(1),
  /** Appended to the row's key when one row makes several records. */
  keySuffix: z.string().min(1).optional(),
});
export type RecordRule = z.infer<typeof RecordRule>;
/** A record rule as written (defaults not yet applied). */
export type RecordRuleInput = z.input<typeof RecordRule>;

export const MappingProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  label: z.string().min(1),
  description: z.string().optional(),
  recognise: z
    .object({
      /** Headers that must all be present for the profile to be chosen without being named. */
      headers: z.array(z.string()).default([]),
      /** File-name patterns (case-insensitive regular expressions) that prefer this profile on a tie. */
      fileNames: z.array(z.string()).default([]),
    })
    .default({ headers: [], fileNames: [] }),
  locale: z
    .object({
      decimalSeparator: z.enum(['.', ',']).optional(),
      dateOrder: z.enum(['MDY', 'DMY']).optional(),
    })
    .default({}),
  /** Input name → column. Names are canonical field names where they feed one directly. */
  inputs: z.record(z.string(), InputColumn),
  records: z.array(RecordRule).min(1),
  /** Inputs whose text together is a row's natural key; empty means a digest of the whole row. */
  key: z.array(z.string()).default([]),
  /** Prepended to keys, for tables that share ids with another table of the same system. */
  keyPrefix: z.string().optional(),
});
export type MappingProfile = z.infer<typeof MappingProfileSchema>;
/** A profile as written (defaults not yet applied): what built-in profile files declare. */
export type MappingProfileInput = z.input<typeof MappingProfileSchema>;
