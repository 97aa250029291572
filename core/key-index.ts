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
 *
 * Exports are mostly written in key order (claim, transaction or row ids counting up). A key greater
 * than every key before it, in natural order (runs of digits compare as numbers, so id 1000 follows
 * 999 and claim line C9-10 follows C9-2), cannot have been seen: it is appended to the "run", the
 * keys in that order, with no hash and no lookup, 14 bytes per key beside its characters. Only a key
 * that breaks the order is looked for, by binary search in the run and in a hash table that holds
 * the keys out of order. On the bench's million charge lines (all in order) adding every key took
 * 111 to 180 ms instead of 244 to 326 ms, and the 16 MB table was never allocated. Once keys out of
 * order are more than a few (a file in no order, or sorted by something else: an export read twice
 * or overlapping the last one is still in order, its repeats found by the binary search), the run's
 * keys go into the table and every key is hashed from then on: no order costs what it did before.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
/** Keys longer than this are kept as strings beside the pages (an export's keys are short). */
const LONG = 4096;
/** Keys out of order tolerated beside the run: beyond this many (and a sixteenth of all keys), the run is given up. */
const OUT_OF_ORDER = 1024;

/** What the last miss of `get` found for its key: where `addIfAbsent` puts it. */
const APPEND = 1;
const TABLE = 2;

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
  /** Indices of the keys in order (each greater than the one before), while keys mostly come in order. */
  private run: Int32Array<ArrayBuffer> | undefined = new Int32Array(1 << 10);
  private runLength = 0;
  /**
   * The keys not in the run: open addressing, two numbers per slot: the key's hash, then its index
   * + 1 (0 for an empty slot). The hash beside the index lets a probe pass other keys without
   * reading them, so a new key costs one read of memory the size of the table, not one per key
   * passed. A power-of-two number of slots, at most three quarters full.
   */
  private table = new Int32Array(2 << 8);
  private tableCount = 0;
  /**
   * The last key `get` did not find, with its hash and the empty slot where it would go: an import
   * asks whether a row's key is new, then adds it, and the second probe would repeat the first.
   * Every addition clears it, so it never outlives a change to the table or the run.
   */
  private missedKey: string | undefined;
  private missedKind = 0;
  private missedHash = 0;
  private missedSlot = 0;

  get size(): number {
    return this.count;
  }

  /** The number kept with `key`, or undefined when the key has not been added. */
  get(key: string): number | undefined {
    const run = this.run;
    if (run !== undefined) {
      const n = this.runLength;
      if (n === 0 || this.compare(key, run[n - 1] as number) > 0) {
        // Beyond every key so far: new, and it extends the run.
        this.missedKey = key;
        this.missedKind = APPEND;
        return undefined;
      }
      const i = this.search(run, n, key);
      if (i >= 0) return this.values[i];
    }
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
    this.missedKind = TABLE;
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
    const i = this.add(key, value);
    if (this.missedKind === APPEND) this.append(i);
    else this.place(i, this.missedHash, this.missedSlot);
    return -1;
  }

  /** Where `key` is in the run (binary search), or -1. */
  private search(run: Int32Array, n: number, key: string): number {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const i = run[mid] as number;
      const c = this.compare(key, i);
      if (c === 0) return i;
      if (c > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * `key` against key `i` in natural order: runs of digits compare as numbers (a longer run is the
   * greater, else the first differing digit decides), anything else by UTF-16 code unit, and a key
   * that ends first is the lesser. So C9-2 < C9-10 < C10-1 and 999 < 1000, as exports count. Split
   * into tokens (each maximal digit run, each other character), it is the lexicographic order of
   * the tokens: a total order, which the binary search needs. Negative, zero or positive.
   */
  private compare(key: string, i: number): number {
    const start = this.starts[i] as number;
    if (start < 0) return naturalCompare(key, this.longKeys[-1 - start] as string);
    const length = this.lengths[i] as number;
    const page = this.pages[start >>> PAGE_BITS] as Uint8Array | Uint16Array;
    const offset = start & (PAGE - 1);
    const n = key.length < length ? key.length : length;
    let p = 0;
    while (p < n && key.charCodeAt(p) === page[offset + p]) p++;
    if (p === n && key.length === length) return 0;
    const a = p < key.length ? key.charCodeAt(p) : -1;
    const b = p < length ? (page[offset + p] as number) : -1;
    if (inDigitRun(a, b, p > 0 && isDigit(key.charCodeAt(p - 1)))) {
      // Inside a digit run of both (the same digits up to p): the longer run is the greater number.
      let ra = p;
      while (ra < key.length && isDigit(key.charCodeAt(ra))) ra++;
      let rb = p;
      while (rb < length && isDigit(page[offset + rb] as number)) rb++;
      if (ra !== rb) return ra - rb;
    }
    return a - b;
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

  /** Keeps the key's characters and value; returns its index (in neither the run nor the table yet). */
  private add(key: string, value: number): number {
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
    return i;
  }

  private append(i: number): void {
    let run = this.run as Int32Array<ArrayBuffer>;
    if (this.runLength === run.length) this.run = run = grow(run);
    run[this.runLength++] = i;
  }

  /** Puts key `i` in the table at `slot` (found empty for its hash by `get`). */
  private place(i: number, hash: number, slot: number): void {
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = i + 1;
    this.tableCount++;
    if (this.tableCount * 8 > this.table.length * 3) this.rehash(this.table.length * 2);
    // Keys out of order are no longer few: the run's keys join the table, and the run is given up.
    if (this.run !== undefined && this.tableCount > OUT_OF_ORDER && this.tableCount * 16 > this.count) this.dissolveRun();
  }

  private dissolveRun(): void {
    const run = this.run as Int32Array;
    const n = this.runLength;
    this.run = undefined;
    this.runLength = 0;
    let size = this.table.length;
    while ((this.tableCount + n) * 8 > size * 3) size *= 2;
    if (size !== this.table.length) this.rehash(size);
    const table = this.table;
    const mask = (table.length >>> 1) - 1;
    for (let r = 0; r < n; r++) {
      const i = run[r] as number;
      const hash = this.hashAt(i);
      let slot = hash & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = i + 1;
    }
    this.tableCount += n;
  }

  /** hashOf key `i`, from its kept characters. */
  private hashAt(i: number): number {
    const start = this.starts[i] as number;
    if (start < 0) return hashOf(this.longKeys[-1 - start] as string);
    const page = this.pages[start >>> PAGE_BITS] as Uint8Array | Uint16Array;
    const offset = start & (PAGE - 1);
    const length = this.lengths[i] as number;
    let h = 0x811c9dc5;
    for (let k = 0; k < length; k++) h = Math.imul(h ^ (page[offset + k] as number), 16777619);
    return mix(h);
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

  private rehash(length: number): void {
    const old = this.table;
    const table = new Int32Array(length);
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether the first difference (code units a and b, −1 for an end) is inside a digit run of both keys: both are digits, or one is and the shared character before is one. */
function inDigitRun(a: number, b: number, afterDigit: boolean): boolean {
  const da = isDigit(a);
  const db = isDigit(b);
  return (da && db) || ((da || db) && afterDigit);
}

/** KeyIndex's order, for two strings (keys kept as strings). */
export function naturalCompare(x: string, y: string): number {
  const n = x.length < y.length ? x.length : y.length;
  let p = 0;
  while (p < n && x.charCodeAt(p) === y.charCodeAt(p)) p++;
  if (p === n && x.length === y.length) return 0;
  const a = p < x.length ? x.charCodeAt(p) : -1;
  const b = p < y.length ? y.charCodeAt(p) : -1;
  if (inDigitRun(a, b, p > 0 && isDigit(x.charCodeAt(p - 1)))) {
    let ra = p;
    while (ra < x.length && isDigit(x.charCodeAt(ra))) ra++;
    let rb = p;
    while (rb < y.length && isDigit(y.charCodeAt(rb))) rb++;
    if (ra !== rb) return ra - rb;
  }
  return a - b;
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
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}
