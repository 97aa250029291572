/**
 * What the parsing worker does (addin/worker.ts only wires messages to it): imports files with the
 * same connectors as the CLI (importSource), reading each File in slices; keeps each file's result
 * by name, since Build needs its records; reports each import to the pane without its records; and
 * builds plans from what it keeps, so neither the records nor their dataset ever reach the pane.
 */
import { importSource } from '../connectors/index';
import { sourceFromBlob } from '../connectors/source';
import { err } from '../core/result';
import { summarize, type ImportResult } from '../core/source';
import { buildPlan } from './plans';
import type { ImportReport, WorkerMessage, WorkerRequest } from './worker-protocol';

/** The result without its records, with their totals: what the pane shows. */
export function importReport(result: ImportResult): ImportReport {
  const { records: _records, ...report } = result;
  return { ...report, summary: summarize(result) };
}

export interface WorkerImports {
  /**
   * Answers one request through `post` (progress, then a result per file, then done; or a plan).
   * Requests are answered in the order they came: a Build asked for mid-import waits for the import.
   */
  handle(request: WorkerRequest, post: (message: WorkerMessage) => void): Promise<void>;
}

export function createWorkerImports(): WorkerImports {
  const kept = new Map<string, ImportResult>();
  let queue = Promise.resolve();
  const answer = async (request: WorkerRequest, post: (message: WorkerMessage) => void): Promise<void> => {
    const { id } = request;
    try {
      if (request.type === 'import') {
        const { files, profiles } = request;
        for (const [fileIndex, file] of files.entries()) {
          // A re-imported file's old records go first, so two copies are never held.
          kept.delete(file.name);
          const progress = (bytesRead: number) => post({ type: 'progress', id, file: file.name, fileIndex, files: files.length, bytesRead, size: file.size });
          progress(0);
          const result = await importSource(sourceFromBlob(file.name, file), { profile: profiles[file.name], onProgress: progress });
          kept.set(file.name, result);
          progress(file.size);
          post({ type: 'result', id, fileIndex, result: importReport(result) });
        }
        post({ type: 'done', id });
      } else if (request.type === 'plan') {
        const missing = request.files.filter((name) => !kept.has(name));
        const results = request.files.flatMap((name) => kept.get(name) ?? []);
        post({ type: 'plan', id, result: missing.length > 0 ? err(`Import ${missing.join(', ')} again: the task pane no longer holds what was read.`) : buildPlan(request.kind, results, request.options) });
      } else {
        for (const name of request.files) kept.delete(name);
        post({ type: 'done', id });
      }
    } catch (e) {
      post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  };
  return {
    handle(request, post) {
      queue = queue.then(() => answer(request, post));
      return queue;
    },
  };
}
