/** The Issues view: every import issue, filtered by severity, file and code. Pure, for the task pane and tests. */
import type { Issue, Severity } from '../core/issues';

export interface IssueFilter {
  readonly severity?: Severity | '' | undefined;
  readonly file?: string | undefined;
  readonly code?: string | undefined;
}

export function filterIssues(issues: readonly Issue[], filter: IssueFilter): Issue[] {
  return issues.filter(
    (i) =>
      (filter.severity === undefined || filter.severity === '' || i.severity === filter.severity) &&
      (filter.file === undefined || filter.file === '' || i.location.file === filter.file) &&
      (filter.code === undefined || filter.code === '' || i.code === filter.code),
  );
}

/** The distinct values each filter offers, sorted. */
export function filterChoices(issues: readonly Issue[]): { files: string[]; codes: string[] } {
  return {
    files: [...new Set(issues.map((i) => i.location.file))].sort(),
    codes: [...new Set(issues.map((i) => i.code))].sort(),
  };
}

/** Where an issue is, in words: `file.csv line 12, column Charge`. */
export function issuePlace(issue: Issue): string {
  const { file, line, column, segment, sheet } = issue.location;
  return [file, sheet === undefined ? '' : `sheet ${sheet}`, line === undefined ? '' : `line ${line}`, segment === undefined ? '' : `segment ${segment}`, column === undefined ? '' : `column ${column}`]
    .filter((p) => p !== '')
    .join(', ');
}
