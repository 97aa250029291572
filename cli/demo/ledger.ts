/** A claim's ledger as the practice-management system posts it. */
import type { Cents } from '../../core/money';
import type { CalendarDate } from '../../core/period';
import type { Adjudication, DemoTransaction, LineAdjudication } from './model';
import type { AdjustmentGroup } from './practice';

/** One claim's ledger rows; anything dated after the export date has not happened yet and is dropped. */
export class Ledger {
  private readonly entries: DemoTransaction[] = [];

  constructor(
    private readonly simulation: { nextTransactionId(): string },
    private readonly claimId: string,
    private readonly asOf: CalendarDate,
  ) {}

  rows(): DemoTransaction[] {
    // Posting order within a claim: by date, then as posted.
    return this.entries.map((e, i) => [e, i] as const).sort((a, b) => (a[0].postDate < b[0].postDate ? -1 : a[0].postDate > b[0].postDate ? 1 : a[1] - b[1])).map(([e]) => e);
  }

  private push(entry: Omit<DemoTransaction, 'transactionId' | 'claimId'>): void {
    if (entry.postDate > this.asOf) return;
    this.entries.push({ transactionId: this.simulation.nextTransactionId(), claimId: this.claimId, ...entry });
  }

  adjust(lineNumber: number, postDate: CalendarDate, amountCents: Cents, reasonGroup: AdjustmentGroup | '', reasonCode: string): void {
    this.push({ type: 'adjustment', lineNumber, postDate, amountCents, paymentSource: 'insurance', method: '', reasonGroup, reasonCode });
  }

  patientPayment(lineNumber: number, postDate: CalendarDate, amountCents: Cents, method: 'card' | 'cash' | 'check'): void {
    this.push({ type: 'payment', lineNumber, postDate, amountCents, paymentSource: 'patient', method, reasonGroup: '', reasonCode: '' });
  }

  /** Posts one remitted line: payment, CO adjustments, PR transfers; a denied line as a zero-amount adjustment. */
  postRemit(line: LineAdjudication, remit: Adjudication, deniedCarc: string | undefined): void {
    const postDate = remit.paidOn;
    if (deniedCarc !== undefined) {
      const group = line.adjustments[0]?.group ?? 'CO';
      this.push({ type: 'adjustment', lineNumber: line.lineNumber, postDate, amountCents: 0, paymentSource: 'insurance', method: '', reasonGroup: group, reasonCode: deniedCarc });
      return;
    }
    if (line.paidCents > 0) {
      this.push({ type: 'payment', lineNumber: line.lineNumber, postDate, amountCents: line.paidCents, paymentSource: 'insurance', method: remit.paymentMethod, reasonGroup: '', reasonCode: '', paymentId: remit.paymentId });
    }
    for (const a of line.adjustments) {
      if (a.group === 'PR') this.push({ type: 'transfer', lineNumber: line.lineNumber, postDate, amountCents: a.amountCents, paymentSource: 'patient', method: '', reasonGroup: 'PR', reasonCode: a.carc });
      else this.push({ type: 'adjustment', lineNumber: line.lineNumber, postDate, amountCents: a.amountCents, paymentSource: 'insurance', method: '', reasonGroup: a.group, reasonCode: a.carc });
    }
  }
}
