/**
 * Patient identifiers never travel: connectors turn an MRN, member id or patient resource id into
 * a pseudonymous key at the door. The key is stable (re-imports match) but is not the identifier.
 */

/**
 * A 64-bit digest (two independent 32-bit FNV-1a/Murmur-style lanes) of a namespaced identifier,
 * as 16 hex characters. Namespacing keeps MRN `123` of one system apart from claim `123`.
 */
export function pseudonymousKey(namespace: string, identifier: string): string {
  const text = `${namespace}\u0000${identifier.trim()}`;
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hexKey(h2, h1);
}

/** Character codes of 0-9a-f. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * 'p' and the two lanes as 8 hex digits each. Written from character codes: `toString(16)` and
 * `padStart` took about a microsecond a key, the largest single cost of reading a charge line.
 */
function hexKey(high: number, low: number): string {
  const h = HEX as readonly number[] as number[];
  return String.fromCharCode(
    112,
    h[(high >>> 28) & 15] as number,
    h[(high >>> 24) & 15] as number,
    h[(high >>> 20) & 15] as number,
    h[(high >>> 16) & 15] as number,
    h[(high >>> 12) & 15] as number,
    h[(high >>> 8) & 15] as number,
    h[(high >>> 4) & 15] as number,
    h[high & 15] as number,
    h[(low >>> 28) & 15] as number,
    h[(low >>> 24) & 15] as number,
    h[(low >>> 20) & 15] as number,
    h[(low >>> 16) & 15] as number,
    h[(low >>> 12) & 15] as number,
    h[(low >>> 8) & 15] as number,
    h[(low >>> 4) & 15] as number,
    h[low & 15] as number,
  );
}

/** The same digest, for natural keys built from several mapped fields. */
export function digestKey(parts: readonly string[]): string {
  return pseudonymousKey('row', parts.join('\u001f')).slice(1);
}
