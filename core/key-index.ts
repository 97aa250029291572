/**
 * A set of strings, each with a small number (the line or file it was first seen in): how imports
 * find duplicate rows and records. Exact (keys are compared character by character, never by a
 * digest alone) and compact: the characters of the keys sit in fixed-size pages, one byte per
 * character while every key is Latin-1 (two once one is not), and the table is typed arrays, 20 to
 * 25 bytes per key beside its characters (start, length, hash, number, table slots). A
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
  private hashes = new Int32Array(1 << 10);
  private values = new Int32Array(1 << 10);
  private count = 0;
  /** Open addressing: key index + 1, 0 for an empty slot; a power-of-two length, at most three quarters full. */
  private table = new Int32Array(1 << 11);

  get size(): number {
    return this.count;
  }

  /** The number kept with `key`, or undefined when the key has not been added. */
  get(key: string): number | undefined {
    const hash = hashOf(key);
    const at = this.find(key, hash);
    return at < 0 ? undefined : this.values[at];
  }

  /** Adds `key` with `value` unless it is there: returns the number it already had, or -1 when it was added. */
  addIfAbsent(key: string, value: number): number {
    const hash = hashOf(key);
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const i = entry - 1;
      if (this.hashes[i] === hash && this.equals(i, key)) return this.values[i] as number;
      slot = (slot + 1) & mask;
    }
    this.insert(key, hash, value, slot);
    return -1;
  }

  private find(key: string, hash: number): number {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) return -1;
      const i = entry - 1;
      if (this.hashes[i] === hash && this.equals(i, key)) return i;
      slot = (slot + 1) & mask;
    }
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
      this.hashes = grow(this.hashes);
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
    this.hashes[i] = hash;
    this.values[i] = value;
    this.count = i + 1;
    this.table[slot] = i + 1;
    if (this.count * 4 > this.table.length * 3) this.rehash();
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
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = (this.hashes[i] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
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
