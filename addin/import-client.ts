/** The task pane's side of the parsing worker: sends files, reports progress, collects results in file order. */
import type { ImportResult } from '../core/source';
import type { ImportRequest, WorkerMessage } from './worker-protocol';

export interface ImportProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  /** 0..1 over all files, by bytes. */
  readonly fraction: number;
}

let worker: Worker | undefined;
let nextId = 1;

function importWorker(): Worker {
  worker ??= new Worker(new URL('./worker.ts', import.meta.url), { name: 'import-worker' });
  return worker;
}

/** Imports `files` in the worker; `profiles` maps a file name to its saved user profile. */
export async function importInWorker(
  files: readonly File[],
  profiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportResult[]> {
  const id = nextId++;
  const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  const sizes = payload.map((f) => f.bytes.byteLength);
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  const before = (index: number) => sizes.slice(0, index).reduce((a, b) => a + b, 0);
  const w = importWorker();
  return new Promise((resolve, reject) => {
    const results: ImportResult[] = [];
    const listener = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') {
        onProgress({ file: message.file, fileIndex: message.fileIndex, files: message.files, fraction: Math.min(1, (before(message.fileIndex) + message.bytesRead) / total) });
      } else if (message.type === 'result') {
        results[message.fileIndex] = message.result;
      } else {
        w.removeEventListener('message', listener);
        if (message.type === 'done') resolve(results);
        else reject(new Error(message.message));
      }
    };
    w.addEventListener('message', listener);
    const request: ImportRequest = { type: 'import', id, files: payload, profiles };
    w.postMessage(request, payload.map((f) => f.bytes));
  });
}
