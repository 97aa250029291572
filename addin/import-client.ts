/**
 * The task pane's side of the parsing worker: sends it files (File handles: the worker reads the
 * bytes itself), reports progress, collects the import reports in file order, and asks it for the
 * plans of what it keeps. Nothing large crosses to this thread but a plan.
 */
import type { WorkbookPlan } from '../core/plan/types';
import type { Result } from '../core/result';
import type { Planner } from './plans';
import type { ImportReport, WorkerMessage, WorkerRequest } from './worker-protocol';

export interface ImportProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  /** 0..1 over all files, by bytes. */
  readonly fraction: number;
}

let worker: Worker | undefined;
let nextId = 1;
/** The requests waiting for the worker, by id: how to fail each one if the worker stops. */
const pending = new Map<number, (error: Error) => void>();
const lostListeners: (() => void)[] = [];

/** What the pane says when the worker stopped without answering (a crash, or the tab ran out of memory). */
export const workerStoppedMessage =
  'the import worker stopped without finishing (a file may be too large for the memory this computer gives the add-in). Files imported before are no longer held: import them again, or fewer or smaller files at once.';

/** Calls `listener` when the worker stops: what it kept of earlier imports is gone. */
export function onWorkerLost(listener: () => void): void {
  lostListeners.push(listener);
}

function importWorker(): Worker {
  if (worker === undefined) {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { name: 'import-worker' });
    // An uncaught error or a message that cannot be read means no answer is coming: without this, the pane would wait forever.
    w.addEventListener('error', () => lost(w));
    w.addEventListener('messageerror', () => lost(w));
    worker = w;
  }
  return worker;
}

/** The worker stopped: every waiting request fails with the same sentence, and the next request starts a new worker. */
function lost(w: Worker): void {
  if (worker !== w) return;
  worker = undefined;
  w.terminate();
  const rejects = [...pending.values()];
  pending.clear();
  for (const reject of rejects) reject(new Error(workerStoppedMessage));
  for (const listener of lostListeners) listener();
}

/** A request as the caller gives it: `ask` numbers it. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Sends `request` and hands each of its messages to `onMessage` until that returns a value (or the worker fails or stops). */
function ask<T>(request: WithoutId<WorkerRequest>, onMessage: (message: WorkerMessage) => { value: T } | undefined): Promise<T> {
  const id = nextId++;
  const w = importWorker();
  return new Promise((resolve, reject) => {
    const settle = () => {
      w.removeEventListener('message', listener);
      pending.delete(id);
    };
    const listener = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'failed') {
        settle();
        reject(new Error(message.message));
        return;
      }
      const answer = onMessage(message);
      if (answer === undefined) return;
      settle();
      resolve(answer.value);
    };
    pending.set(id, (error) => {
      settle();
      reject(error);
    });
    w.addEventListener('message', listener);
    w.postMessage({ ...request, id });
  });
}

/** Imports `files` in the worker; `profiles` maps a file name to its saved user profile. */
export function importInWorker(
  files: readonly File[],
  profiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport[]> {
  const sizes = files.map((f) => f.size);
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  const before = (index: number) => sizes.slice(0, index).reduce((a, b) => a + b, 0);
  const reports: ImportReport[] = [];
  return ask({ type: 'import', files, profiles }, (message) => {
    if (message.type === 'progress') {
      onProgress({ file: message.file, fileIndex: message.fileIndex, files: message.files, fraction: Math.min(1, (before(message.fileIndex) + message.bytesRead) / total) });
    } else if (message.type === 'result') {
      reports[message.fileIndex] = message.result;
    } else if (message.type === 'done') {
      return { value: reports };
    }
    return undefined;
  });
}

/** Plans built by the worker from the kept imports of `files` (the pane's imported files, in order). */
export function planInWorker(files: () => readonly string[]): Planner {
  return (kind, options) =>
    ask<Result<WorkbookPlan>>({ type: 'plan', kind, files: files(), options }, (message) => (message.type === 'plan' ? { value: message.result } : undefined));
}

/** Lets the worker drop what it kept of `files` (cleared or replaced in the pane). */
export function forgetInWorker(files: readonly string[]): Promise<void> {
  if (files.length === 0 || worker === undefined) return Promise.resolve();
  return ask({ type: 'forget', files }, (message) => (message.type === 'done' ? { value: undefined } : undefined));
}
