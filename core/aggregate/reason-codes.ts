/**
 * How an adjustment's reason code is read: a contractual allowance (the payer's contracted discount,
 * which net collection rate removes from charges), a denial, or something else (bad debt, small
 * balance, administrative write-off).
 *
 * Codes are X12 Claim Adjustment Reason Codes (CARCs, published by X12 / WPC). Practice-management
 * systems that post their own adjustment codes are read by their wording ("contractual").
 */

/**
 * CARCs that are the payer's contracted reduction, not a denial: 45 charge exceeds fee schedule,
 * 42 exceeds usual and customary, 59 multiple/concurrent procedure rules, 94 processed in excess of
 * charges, 131 claim-specific negotiated discount, 237 legislated/regulatory penalty,
 * 253 sequestration, 24 covered by a capitation agreement.
 */
export const contractualCarcs: ReadonlySet<string> = new Set(['45', '42', '59', '94', '131', '237', '253', '24']);

/**
 * CARCs that mean the payer refused to pay the service (a denial), as opposed to paying it at the
 * contracted rate or moving it to the patient: missing or invalid information (4–16, 125, 181, 182,
 * 206–208, 226, 227), duplicates (18), coordination of benefits and liability (19–23),
 * eligibility and coverage (26, 27, 31–35, 39, 51, 109, 177, 200), timely filing (29),
 * authorization and referral (15, 38, 62, 197, 198, 288), medical necessity and non-covered
 * services (49, 50, 55, 56, 58, 96, 119, 146, 149, 150, 151, 167, 204, 236, 242), bundling (97, 234),
 * provider eligibility (52, 170, 171, 172, 184, 185, 242).
 */
export const denialCarcs: ReadonlySet<string> = new Set(
  [
    '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '18', '19', '20', '21', '22', '23',
    '26', '27', '29', '31', '32', '33', '34', '35', '38', '39', '49', '50', '51', '52', '55', '56', '58', '62',
    '96', '97', '109', '119', '125', '146', '149', '150', '151', '167', '170', '171', '172', '177', '181', '182',
    '184', '185', '197', '198', '200', '204', '206', '207', '208', '226', '227', '234', '236', '242', '288',
  ],
);

/** A CARC as text without a leading group (`CO-45` → `45`, `045` → `45`), or undefined when it is not one. */
export function carcOf(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const m = /^(?:(?:CO|OA|PI|PR|CR)[\s\-:]*)?([A-Z]?\d{1,3})$/i.exec(code.trim());
  if (!m || m[1] === undefined) return undefined;
  const carc = m[1].toUpperCase();
  return /^\d+$/.test(carc) ? String(Number(carc)) : carc;
}

export type AdjustmentKind = 'contractual' | 'denial' | 'other';

const classified = new Map<string, AdjustmentKind>();

/** Reads one adjustment's group and reason. Patient-responsibility (PR) amounts are never contractual. */
export function classifyAdjustment(group: string | undefined, reason: string | undefined): AdjustmentKind {
  // A practice uses a few dozen codes over hundreds of thousands of rows: remember each answer.
  const id = `${group ?? ''}\u0000${reason ?? ''}`;
  let kind = classified.get(id);
  if (kind === undefined) {
    kind = classifyUncached(group, reason);
    if (classified.size < 10_000) classified.set(id, kind);
  }
  return kind;
}

function classifyUncached(group: string | undefined, reason: string | undefined): AdjustmentKind {
  const g = group?.trim().toUpperCase();
  const carc = carcOf(reason);
  if (carc !== undefined && denialCarcs.has(carc) && g !== 'PR') return 'denial';
  if (g === 'PR') return 'other';
  if (carc !== undefined && contractualCarcs.has(carc)) return 'contractual';
  if (g === 'CO' && carc !== undefined) return 'contractual';
  if (reason !== undefined && /contract|allowance|fee schedule/i.test(reason)) return 'contractual';
  return 'other';
}
