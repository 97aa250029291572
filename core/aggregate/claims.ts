/**
 * What the streamed aggregation keeps per claim, packed in typed arrays indexed by claim number:
 * its parties (of its first charge line), first day of service, patient, billed cents, first
 * insurance action, and its dated money movements. A large group has hundreds of thousands of
 * claims and millions of movements; as one object per claim with a date string per movement they
 * held about 300 bytes per movement and every major garbage collection walked them all. Here a
 * movement is 16 bytes in three arrays (day, cents, next) that the collector does not look into,
 * and a patient's key is kept once however many claims name it.
 */

const NONE = -1;

/** `a`, or a copy twice as long (or more) when it cannot hold `size` items; new items set to `fill`. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number, fill?: number): T {
  if (size <= a.length) return a;
  let capacity = a.length * 2;
  while (capacity < size) capacity *= 2;
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

export class ClaimTable {
  private readonly numbers = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Parties number of the claim's first charge line; -1 while only payments/adjustments were seen. */
  parties = new Int32Array(1024).fill(NONE);
  /** First day of service (core/period dayNumber). */
  serviceDay = new Int32Array(1024);
  chargeCents = new Float64Array(1024);
  /** Index into `patientKeys`, or -1. */
  private patient = new Int32Array(1024).fill(NONE);
  private readonly patientKeys: string[] = [];
  private readonly patientNumbers = new Map<string, number>();
  /** First insurance action: day, whether it denied, the acting record's parties, and its order among first actions (-1: none). */
  actionDay = new Int32Array(1024);
  actionDenied = new Uint8Array(1024);
  actionParties = new Int32Array(1024);
  actionOrder = new Int32Array(1024).fill(NONE);
  // Money movements: a singly linked list per claim, in the order they were added.
  private head = new Int32Array(1024).fill(NONE);
  private tail = new Int32Array(1024).fill(NONE);
  private eventDay = new Int32Array(4096);
  private eventCents = new Float64Array(4096);
  private eventNext = new Int32Array(4096);
  private events = 0;
  /** Payments/adjustments seen before the claim's first charge line: parties, date, kind, cents, sequence … */
  readonly pending = new Map<number, (string | number)[]>();

  get size(): number {
    return this.ids.length;
  }

  /** The claim's number, creating it. */
  numberOf(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(id, n);
      this.ids.push(id);
      if (n >= this.parties.length) this.resize(n + 1);
    }
    return n;
  }

  /** The claim's number, or -1 when it was never seen. */
  find(id: string | undefined): number {
    return id === undefined ? NONE : (this.numbers.get(id) ?? NONE);
  }

  idOf(n: number): string {
    return this.ids[n] as string;
  }

  charged(n: number): boolean {
    return n !== NONE && (this.parties[n] as number) !== NONE;
  }

  setPatient(n: number, key: string | undefined): void {
    if (key === undefined) return;
    let p = this.patientNumbers.get(key);
    if (p === undefined) {
      p = this.patientKeys.length;
      this.patientNumbers.set(key, p);
      this.patientKeys.push(key);
    }
    this.patient[n] = p;
  }

  patientOf(n: number): string | undefined {
    const p = this.patient[n] as number;
    return p === NONE ? undefined : this.patientKeys[p];
  }

  /** Adds a money movement (+ charge, − payment or adjustment) on a day. */
  addEvent(n: number, day: number, cents: number): void {
    const e = this.events++;
    if (e >= this.eventDay.length) {
      this.eventDay = grow(this.eventDay, e + 1);
      this.eventCents = grow(this.eventCents, e + 1);
      this.eventNext = grow(this.eventNext, e + 1);
    }
    this.eventDay[e] = day;
    this.eventCents[e] = cents;
    this.eventNext[e] = NONE;
    const t = this.tail[n] as number;
    if (t === NONE) this.head[n] = e;
    else this.eventNext[t] = e;
    this.tail[n] = e;
  }

  /**
   * The claim's movements into `days` and `cents` (cleared first), in day order; movements of one
   * day keep the order they were added in. Returns how many.
   */
  eventsOf(n: number, days: number[], cents: number[]): number {
    days.length = 0;
    cents.length = 0;
    let sorted = true;
    for (let e = this.head[n] as number; e !== NONE; e = this.eventNext[e] as number) {
      const day = this.eventDay[e] as number;
      if (days.length > 0 && day < (days[days.length - 1] as number)) sorted = false;
      days.push(day);
      cents.push(this.eventCents[e] as number);
    }
    if (!sorted) insertionSort(days, cents);
    return days.length;
  }

  private resize(size: number): void {
    this.parties = grow(this.parties, size, NONE);
    this.serviceDay = grow(this.serviceDay, size);
    this.chargeCents = grow(this.chargeCents, size);
    this.patient = grow(this.patient, size, NONE);
    this.actionDay = grow(this.actionDay, size);
    this.actionDenied = grow(this.actionDenied, size);
    this.actionParties = grow(this.actionParties, size);
    this.actionOrder = grow(this.actionOrder, size, NONE);
    this.head = grow(this.head, size, NONE);
    this.tail = grow(this.tail, size, NONE);
  }
}

/** Stable sort of `days` with `cents` alongside (a claim has a handful of movements). */
function insertionSort(days: number[], cents: number[]): void {
  for (let i = 1; i < days.length; i++) {
    const d = days[i] as number;
    const c = cents[i] as number;
    let j = i - 1;
    while (j >= 0 && (days[j] as number) > d) {
      days[j + 1] = days[j] as number;
      cents[j + 1] = cents[j] as number;
      j--;
    }
    days[j + 1] = d;
    cents[j + 1] = c;
  }
}
