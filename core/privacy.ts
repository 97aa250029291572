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
  return 'p' + hex8(h2) + hex8(h1);
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A 32-bit value as 8 lower-case hex digits (a table lookup per byte: toString(16) is slow). */
function hex8(h: number): string {
  return (HEX_BYTE[h >>> 24] as string) + (HEX_BYTE[(h >>> 16) & 255] as string) + (HEX_BYTE[(h >>> 8) & 255] as string) + (HEX_BYTE[h & 255] as string);
}

/** The same digest, for natural keys built from several mapped fields. */
export function digestKey(parts: readonly string[]): string {
  return pseudonymousKey('row', parts.join('\u001f')).slice(1);
}
