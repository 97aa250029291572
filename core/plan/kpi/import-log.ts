/** The Import log sheet: every issue of every source, as data. */
import type { Issue } from '../../issues';
import { sanitizeText } from '../sanitize';
import type { PlanSheet } from '../types';
import { SHEETS } from './shared';

/** Excel holds about a million rows; an import with more issues than this is summarised. */
export const MAX_LOGGED_ISSUES = 100_000;

export function importLogSheet(issues: readonly Issue[]): PlanSheet {
  const shown = issues.slice(0, MAX_LOGGED_ISSUES);
  const note =
    issues.length === 0
      ? 'No issues: every row of every file was read.'
      : issues.length > shown.length
        ? `${issues.length} issues; the first ${shown.length} are listed.`
        : `${issues.length} issue(s).`;
  return {
    name: SHEETS.importLog,
    cells: [
      { at: 'A1', value: 'Import log', style: 'title' },
      { at: 'A2', value: note, style: 'note' },
    ],
    tables: [
      {
        at: 'A4',
        table: {
          name: 'ImportLog',
          theme: 'TableStyleLight9',
          columns: [
            { name: 'File', type: 'text', width: 32 },
            { name: 'Sheet', type: 'text', width: 12 },
            { name: 'Line', type: 'integer', width: 8 },
            { name: 'Segment', type: 'integer', width: 8 },
            { name: 'Column', type: 'text', width: 18 },
            { name: 'Code', type: 'text', width: 22 },
            { name: 'Severity', type: 'text', width: 9 },
            { name: 'Message', type: 'text', width: 90 },
          ],
          rows: shown.map((i) => [
            sanitizeText(i.location.file),
            sanitizeText(i.location.sheet ?? ''),
            i.location.line ?? null,
            i.location.segment ?? null,
            sanitizeText(i.location.column ?? ''),
            sanitizeText(i.code),
            i.severity,
            sanitizeText(i.message),
          ]),
        },
      },
    ],
    merges: ['A1:H1', 'A2:H2'],
    frozen: { rows: 4, columns: 0 },
  };
}
