/**
 * Claim adjustment reason codes (CARC) and remittance advice remark codes (RARC) grouped into short
 * categories a practice manager acts on. The codes are shown as codes; the category labels are our
 * own words (the official code descriptions are not reproduced here).
 */

export const DENIAL_CATEGORIES = [
  'Eligibility/coverage',
  'Authorization',
  'Medical necessity',
  'Bundling/NCCI',
  'Coding',
  'Timely filing',
  'Duplicate',
  'Missing information',
  'Coordination of benefits',
  'Provider enrollment',
  'Contractual',
  'Patient responsibility',
  'Correction/reversal',
  'Other',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

const CARC: Readonly<Record<string, DenialCategory>> = {};
function assign(category: DenialCategory, codes: string): void {
  for (const code of codes.split(/\s+/)) if (code !== '') (CARC as Record<string, DenialCategory>)[code] = category;
}
assign('Patient responsibility', '1 2 3 66 241 247 248');
assign('Coding', '4 5 6 7 8 9 10 11 12 58 146 181 182 199 A8 B16');
assign('Eligibility/coverage', '13 26 27 31 32 33 34 35 49 51 96 109 119 140 149 166 177 200 204');
assign('Authorization', '15 39 62 197 198 243');
assign('Missing information', '16 17 125 206 207 208 226 227 251 252');
assign('Duplicate', '18 B13');
assign('Coordination of benefits', '19 20 21 22 23 136');
assign('Contractual', '24 42 44 45 94 131 144 253 A2');
assign('Timely filing', '29');
assign('Medical necessity', '40 50 55 56 150 151 152 167');
assign('Bundling/NCCI', '59 97 231 234 236 B15');
assign('Provider enrollment', '52 170 171 183 184 185 B7');

/** Remark codes we are confident enough to place; the rest are shown as "Other". */
const RARC: Readonly<Record<string, DenialCategory>> = {
  MA130: 'Missing information',
  M20: 'Missing information',
  M51: 'Missing information',
  N290: 'Missing information',
  N30: 'Eligibility/coverage',
  M15: 'Bundling/NCCI',
  MA18: 'Coordination of benefits',
};

/**
 * The category of a CARC. The code decides; without a known code the group does (PR is what the
 * patient owes, CR a correction); otherwise "Other".
 */
export function carcCategory(reason: string, group?: string): DenialCategory {
  const known = CARC[reason.trim().toUpperCase()];
  if (known !== undefined) return known;
  if (group === 'PR') return 'Patient responsibility';
  if (group === 'CR') return 'Correction/reversal';
  return 'Other';
}

/** The category of a RARC (LQ*HE, MIA/MOA remark), "Other" when not placed. */
export function rarcCategory(code: string): DenialCategory {
  return RARC[code.trim().toUpperCase()] ?? 'Other';
}

/** The CARCs with a category of their own (codes as the remittance gives them, upper case), for engines that classify in SQL. */
export function categorisedCarcs(): ReadonlyMap<string, DenialCategory> {
  return new Map(Object.entries(CARC));
}

/** Patient cost-sharing (deductible, coinsurance, copay): the service was allowed, the patient pays part. */
export function isCostSharing(group: string, reason: string): boolean {
  return group === 'PR' && carcCategory(reason, group) === 'Patient responsibility';
}
