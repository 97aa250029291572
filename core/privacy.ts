/**
 * Patient identifiers never travel: connectors turn an MRN, member id or patient resource id into
 * a pseudonymous key at the door. The key is stable (re-imports match) but is not the identifier.
 */

/**
 * A 64-bit digest (two independent 32-bit FNV-1a/Murmur-style lanes) of a namespaced identifier,
 * as 16 hex characters. Namespacing keeps MRN `123` of one system apart from claim `123`.
 */
export function pseudonymousKey(namespace: string, identifier: string): string {
  // The digest of `${namespace}\u0000${identifier.trim()}`, computed over the two parts in turn:
  // building that string first makes a concatenation that is slow to read character by character.
  const id = identifier.trim();
  const length = namespace.length + 1 + id.length;
  let h1 = 0xdeadbeef ^ length;
  let h2 = 0x41c6ce57 ^ length;
  for (let i = 0; i < namespace.length; i++) {
    const c = namespace.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1, 2654435761); // the \u0000 between namespace and identifier
  h2 = Math.imul(h2, 1597334677);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return digestText(h2, h1);
}

/** Lower-case hex digits, as character codes. */
const HEX: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * 'p' and the two lanes as 16 hex digits, made as one string from character codes: joining
 * two-digit pieces made a string per join, a measurable cost once per patient row of a large export.
 */
function digestText(h2: number, h1: number): string {
  const x = HEX;
  return String.fromCharCode(
    112,
    x[h2 >>> 28] as number, x[(h2 >>> 24) & 15] as number, x[(h2 >>> 20) & 15] as number, x[(h2 >>> 16) & 15] as number,
    x[(h2 >>> 12) & 15] as number, x[(h2 >>> 8) & 15] as number, x[(h2 >>> 4) & 15] as number, x[h2 & 15] as number,
    x[h1 >>> 28] as number, x[(h1 >>> 24) & 15] as number, x[(h1 >>> 20) & 15] as number, x[(h1 >>> 16) & 15] as number,
    x[(h1 >>> 12) & 15] as number, x[(h1 >>> 8) & 15] as number, x[(h1 >>> 4) & 15] as number, x[h1 & 15] as number,
  );
}

/** The same digest, for natural keys built from several mapped fields. */
export function digestKey(parts: readonly string[]): string {
  return pseudonymousKey('row', parts.join('\u001f')).slice(1);
}
