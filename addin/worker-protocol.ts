/** Messages between the task pane and its parsing worker (addin/worker.ts). */
import type { ImportResult } from '../core/source';

export interface ImportRequest {
  readonly type: 'import';
  readonly id: number;
  readonly files: readonly { readonly name: string; readonly bytes: ArrayBuffer }[];
  /** File name → user profile (parsed JSON) saved by the mapping step. */
  readonly profiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly id: number; readonly file: string; readonly fileIndex: number; readonly files: number; readonly bytesRead: number; readonly size: number }
  | { readonly type: 'result'; readonly id: number; readonly fileIndex: number; readonly result: ImportResult }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
