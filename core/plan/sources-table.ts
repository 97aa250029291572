/** The "files read" table every workbook's About sheet shows: one row per source, counts that tie out. */
import type { SourceInfo } from '../dataset';
import { sanitizeText } from './sanitize';
import type { PlanTable } from './types';

export function sourcesTable(name: string, sources: readonly SourceInfo[]): PlanTable {
  return {
    name,
    theme: 'TableStyleLight9',
    columns: [
      { name: 'File', type: 'text', width: 40 },
      { name: 'Format', type: 'text', width: 12 },
      { name: 'Profile', type: 'text', width: 28 },
      { name: 'Rows read', type: 'integer', width: 11 },
      { name: 'Records imported', type: 'integer', width: 11 },
      { name: 'Rows rejected', type: 'integer', width: 11 },
    ],
    rows: sources.map((s) => [sanitizeText(s.file), s.format, sanitizeText(s.profile ?? ''), s.rowsRead, s.recordsImported, s.rowsRejected]),
  };
}
