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
  return 'p' + (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** The same digest, for natural keys built from several mapped fields. */
export function digestKey(parts: readonly string[]): string {
  return pseudonymousKey('row', parts.join('\u001f')).slice(1);
}
