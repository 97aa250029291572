/** How accounting packages write an account in one cell, split into number and name. */
import type { GlAccount } from '../../core/accounts/mapping';

/**
 * `6000 Rent`, `6000 · Rent` (QuickBooks Desktop), `6000 - Rent`, `Rent (6000)` (Xero),
 * `6000:Rent`; a name alone stays a name. Leading spaces (indentation of sub-accounts) are dropped.
 */
export function splitAccount(text: string): GlAccount {
  const s = text.trim();
  let m = /^(\d[\d.-]*\d|\d)\s*(?:·|-|–|:|\s)\s*(.+)$/.exec(s);
  if (m) return { number: m[1] ?? '', name: (m[2] ?? '').trim() };
  m = /^(.+?)\s*\((\d[\d.-]*)\)$/.exec(s);
  if (m) return { number: m[2] ?? '', name: (m[1] ?? '').trim() };
  if (/^\d[\d.-]*$/.test(s)) return { number: s, name: s };
  return { name: s };
}
