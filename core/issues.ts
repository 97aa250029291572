/**
 * Issues are data. A connector or calculation reports what it could not use, and where,
 * instead of throwing; the workbook's Import log sheet lists them.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface IssueLocation {
  /** File name as the user gave it (never a full path with a user name in it). */
  readonly file: string;
  /** 1-based physical line in the file (the header is line 1 of a CSV). */
  readonly line?: number;
  /** Column header (or column letter / index when there is no header). */
  readonly column?: string;
  /** 1-based segment index inside an X12 file, or record index inside JSON/NDJSON. */
  readonly segment?: number;
  /** Sheet name for workbook sources. */
  readonly sheet?: string;
}

export interface Issue {
  /** Stable machine code, kebab-case (e.g. `money-invalid`, `date-ambiguous`, `duplicate-row`). */
  readonly code: string;
  readonly severity: Severity;
  /** A sentence a practice manager can act on. Wording lives in core/messages.ts. */
  readonly message: string;
  readonly location: IssueLocation;
}

export function issue(code: string, severity: Severity, message: string, location: IssueLocation): Issue {
  return { code, severity, message, location };
}
