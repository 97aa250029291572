/** Shared by the connector tests: import through the real dispatcher and check the invariants every import keeps. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importSource, type ImportOptions } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import { CanonicalRecord } from '../../core/model';
import type { ImportResult } from '../../core/source';

/**
 * rowsRead = recordsImported + rowsRejected, and every record is a valid canonical record
 * (checked with the zod schema, which the importer itself skips for speed; `sample` limits it).
 */
export function assertInvariants(result: ImportResult, sample = Infinity): void {
  assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected, `${result.file}: rowsRead = recordsImported + rowsRejected`);
  const step = Number.isFinite(sample) ? Math.max(1, Math.floor(result.records.length / sample)) : 1;
  for (let i = 0; i < result.records.length; i += step) {
    const record = result.records[i];
    const parsed = CanonicalRecord.safeParse(record);
    assert.ok(parsed.success, `${result.file}: record ${i} is not canonical: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}\n${JSON.stringify(record)}`);
  }
  if (result.rowsRejected > 0) assert.ok(result.issues.length > 0, `${result.file}: rejected rows come with issues`);
}

export async function importBytes(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
  chunkSize?: number,
  sample = 2000,
): Promise<ImportResult> {
  const result = await importSource(sourceFromBytes(name, bytes, chunkSize), options);
  assertInvariants(result, sample);
  return result;
}

export function importText(name: string, text: string, options: ImportOptions = {}, chunkSize?: number): Promise<ImportResult> {
  return importBytes(name, new TextEncoder().encode(text), options, chunkSize);
}

export function importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importBytes(basename(path), new Uint8Array(readFileSync(path)), options);
}

export const codes = (result: ImportResult): string[] => result.issues.map((i) => i.code);
