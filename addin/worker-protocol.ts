/**
 * Messages between the task pane and its parsing worker (addin/worker.ts). The worker keeps what
 * it imported (the records of a 200 MB export stay there) and hands the pane reports and plans:
 * a million records cloned into the pane would freeze it for seconds.
 */
import type { WorkbookPlan } from '../core/plan/types';
import type { Result } from '../core/result';
import type { ImportResult, SourceSummary } from '../core/source';
import type { AddinWorkbook, BuildOptions } from './plans';

/** An import as the pane sees it: the result without its records, with their totals. */
export type ImportReport = Omit<ImportResult, 'records'> & { readonly summary: SourceSummary };

export type WorkerRequest =
  /** Imports the files (read by the worker in slices: a File is a handle, not its bytes) and keeps them by name. */
  | {
      readonly type: 'import';
      readonly id: number;
      readonly files: readonly File[];
      /** File name → user profile (parsed JSON) saved by the mapping step. */
      readonly profiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    }
  /** The plan of `kind` from the kept imports of `files`, in that order. */
  | { readonly type: 'plan'; readonly id: number; readonly kind: AddinWorkbook; readonly files: readonly string[]; readonly options: BuildOptions }
  /** Drops the kept imports of `files` (cleared or replaced in the pane). */
  | { readonly type: 'forget'; readonly id: number; readonly files: readonly string[] };

export type WorkerMessage =
  | { readonly type: 'progress'; readonly id: number; readonly file: string; readonly fileIndex: number; readonly files: number; readonly bytesRead: number; readonly size: number }
  | { readonly type: 'result'; readonly id: number; readonly fileIndex: number; readonly result: ImportReport }
  | { readonly type: 'plan'; readonly id: number; readonly result: Result<WorkbookPlan> }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
