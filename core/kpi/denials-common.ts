/** Shared wording of the initial denial rate KPIs. */
import type { Availability } from '../aggregate/types';
import { needs } from './define';

export const denialInclusion =
  'each claim counts once, on its first adjudication (reversals and predeterminations excluded); denied = the payer denied the claim (835 CLP02 = 4) or paid nothing with a denial reason code, or, without remittances, an adjustment with a denial CARC posted on the first day the payer acted on the claim';

export const denialDateBasis = 'first adjudication date (835 payment date, or the post date of the first insurance payment/adjustment)';

export function denialNeeds(a: Availability): string | undefined {
  return a.denials === 'none' ? needs('835 remittances or adjustment rows with denial reason codes (CARCs)') : undefined;
}
