/**
 * A set of strings, each with a small number (the line or file it was first seen in): how imports
 * find duplicate rows and records. Exact (keys are compared character by character, never by a
 * digest alone) and compact: the characters of every key sit in one growing Uint16Array and the
 * table is typed arrays, 2 bytes per character and 20 to 40 bytes per key. A Map<string, number>
 * takes about 100 bytes per key (entry, string header, hash) and, on the bench's million charge
 * lines, its lookups on strings just cut from the file were a sixth of the import's time.
 */
export class KeyIndex {
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  /** Per key: where its characters start (the next key's start is where they end). */
  private starts = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  private values = new Int32Array(1 << 10);
  private count = 0;
  /** Open addressing: key index + 1, 0 for an empty slot; a power-of-two length, at most half full. */
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
    const end = i + 1 < this.count ? (this.starts[i + 1] as number) : this.used;
    if (end - start !== key.length) return false;
    const chars = this.chars;
    for (let k = 0; k < key.length; k++) if (chars[start + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  private insert(key: string, hash: number, value: number, slot: number): void {
    const i = this.count;
    if (i === this.starts.length) {
      this.starts = grow(this.starts);
      this.hashes = grow(this.hashes);
      this.values = grow(this.values);
    }
    if (this.used + key.length > this.chars.length) {
      let length = this.chars.length * 2;
      while (length < this.used + key.length) length *= 2;
      const chars = new Uint16Array(length);
      chars.set(this.chars.subarray(0, this.used));
      this.chars = chars;
    }
    const chars = this.chars;
    const start = this.used;
    for (let k = 0; k < key.length; k++) chars[start + k] = key.charCodeAt(k);
    this.used = start + key.length;
    this.starts[i] = start;
    this.hashes[i] = hash;
    this.values[i] = value;
    this.count = i + 1;
    this.table[slot] = i + 1;
    if (this.count * 2 > this.table.length) this.rehash();
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
