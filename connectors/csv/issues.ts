/**
 * Issues of one file, with a cap per kind: a bad column in a million-row export gives the first
 * few hundred issues with their lines and one summarising issue, not a million.
 */
import { issue, type Issue, type IssueLocation, type Severity } from '../../core/issues';
import { messages } from '../../core/messages';

export class IssueLog {
  readonly issues: Issue[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly limitPerKind = 200,
  ) {}

  add(code: string, severity: Severity, message: string, location: Omit<IssueLocation, 'file'> = {}): void {
    const kind = `${code}\u0000${location.column ?? ''}`;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n <= this.limitPerKind) this.issues.push(issue(code, severity, message, { file: this.file, ...location }));
  }

  push(...issues: readonly Issue[]): void {
    this.issues.push(...issues);
  }

  /** The issues, with one summary per kind that went over the cap. */
  finish(): Issue[] {
    for (const [kind, n] of this.counts) {
      if (n <= this.limitPerKind) continue;
      const [code = '', column = ''] = kind.split('\u0000');
      const sample = this.issues.find((i) => i.code === code && (i.location.column ?? '') === column);
      this.issues.push(
        issue(code, sample?.severity ?? 'warning', messages.issuesTruncated(code, n - this.limitPerKind), {
          file: this.file,
          ...(column !== '' ? { column } : {}),
        }),
      );
    }
    return this.issues;
  }
}
