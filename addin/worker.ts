/**
 * The parsing Web Worker: imports files off the task pane's thread, so Excel's UI never waits on a
 * big export, keeps what it imported and builds workbook plans from it (addin/worker-imports.ts).
 */
import { createWorkerImports } from './worker-imports';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

const post = (message: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);
const imports = createWorkerImports();

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => void imports.handle(event.data, post));
