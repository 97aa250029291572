/**
 * A set of strings, each with a small number (the line or file it was first seen in): how imports
 * find duplicate rows and records. Exact (keys are compared character by character, never by a
 * digest alone) and compact: the characters of the keys sit in fixed-size pages, one byte per
 * character while every key is Latin-1 (two once one is not), and the table is typed arrays, 21 to
 * 31 bytes per key beside its characters (start, length, number; table slots of hash and index). A
 * Map<string, number> takes about 100 bytes per key (entry, string header, hash) and, on the
 * bench's million charge lines, its lookups on strings just cut from the file were a sixth of the
 * import's time. Pages, rather than one array that doubles, keep the memory at what the keys need:
 * a doubling array is up to half empty, and while it grows the old and the new copy are both alive.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
/** Keys longer than this are kept as strings beside the pages (an export's keys are short). */
const LONG = 4096;

export class KeyIndex {
  private pages: (Uint8Array | Uint16Array)[] = [];
  private wide = false;
  /** Characters used in the last page. */
  private used = PAGE;
  private readonly longKeys: string[] = [];
  /** Per key: where its characters start (page × PAGE + offset), or −1 − its place in `longKeys`. */
  private starts = new Int32Array(1 << 10);
  private lengths = new Uint16Array(1 << 10);
  private values = new Int32Array(1 << 10);
  private count = 0;
  /**
   * Open addressing, two numbers per slot: the key's hash, then its index + 1 (0 for an empty
   * slot). The hash beside the index lets a probe pass other keys without reading them, so a new
   * key costs one read of memory the size of the table, not one per key passed. A power-of-two
   * number of slots, at most three quarters full.
   */
  private table = new Int32Array(2 << 11);
  /**
   * The last key `get` did not find, with its hash and the empty slot where it would go: an import
   * asks whether a row's key is new, then adds it, and the second probe would repeat the first.
   * Every addition clears it, so it never outlives a change to the table.
   */
  private missedKey: string | undefined;
  private missedHash = 0;
  private missedSlot = 0;

  get size(): number {
    return this.count;
  }

  /** The number kept with `key`, or undefined when the key has not been added. */
  get(key: string): number | undefined {
    const hash = hashOf(key);
    const table = this.table;
    const mask = (table.length >>> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) break;
      if (table[2 * slot] === hash && this.equals(entry - 1, key)) return this.values[entry - 1];
      slot = (slot + 1) & mask;
    }
    this.missedKey = key;
    this.missedHash = hash;
    this.missedSlot = slot;
    return undefined;
  }

  /** Adds `key` with `value` unless it is there: returns the number it already had, or -1 when it was added. */
  addIfAbsent(key: string, value: number): number {
    if (key !== this.missedKey) {
      const known = this.get(key);
      if (known !== undefined) return known;
    }
    this.missedKey = undefined;
    this.insert(key, this.missedHash, value, this.missedSlot);
    return -1;
  }

  private equals(i: number, key: string): boolean {
    const start = this.starts[i] as number;
    if (start < 0) return this.longKeys[-1 - start] === key;
    if (this.lengths[i] !== key.length) return false;
    const page = this.pages[start >>> PAGE_BITS] as Uint8Array | Uint16Array;
    const offset = start & (PAGE - 1);
    for (let k = 0; k < key.length; k++) if (page[offset + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  private insert(key: string, hash: number, value: number, slot: number): void {
    const i = this.count;
    if (i === this.starts.length) {
      this.starts = grow(this.starts);
      this.values = grow(this.values);
      const lengths = new Uint16Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    if (key.length > LONG) {
      this.starts[i] = -1 - this.longKeys.length;
      this.longKeys.push(key);
    } else this.starts[i] = this.store(key);
    this.lengths[i] = key.length > LONG ? 0 : key.length;
    this.values[i] = value;
    this.count = i + 1;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = i + 1;
    if (this.count * 8 > this.table.length * 3) this.rehash();
  }

  /** Copies the key's characters into the pages; returns where they start. */
  private store(key: string): number {
    if (!this.wide) {
      for (let k = 0; k < key.length; k++)
        if (key.charCodeAt(k) > 0xff) {
          // The first key beyond Latin-1: every page takes two bytes per character from now on.
          this.pages = this.pages.map((p) => Uint16Array.from(p));
          this.wide = true;
          break;
        }
    }
    if (this.used + key.length > PAGE) {
      this.pages.push(this.wide ? new Uint16Array(PAGE) : new Uint8Array(PAGE));
      this.used = 0;
    }
    const pageNumber = this.pages.length - 1;
    const page = this.pages[pageNumber] as Uint8Array | Uint16Array;
    const offset = this.used;
    for (let k = 0; k < key.length; k++) page[offset + k] = key.charCodeAt(k);
    this.used = offset + key.length;
    return pageNumber * PAGE + offset;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >>> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      const entry = old[o + 1] as number;
      if (entry === 0) continue;
      const hash = old[o] as number;
      let slot = hash & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = entry;
    }
    this.table = table;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a over the UTF-16 code units, with a final mix so the low bits (the slot) depend on every character. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}
