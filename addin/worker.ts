/**
 * The parsing Web Worker: imports files with the same connectors as the CLI (importSource), off the
 * task pane's thread, so Excel's UI never waits on a big export. Reports bytes read for the
 * progress bar and posts each file's ImportResult as soon as it is read.
 */
import { importSource } from '../connectors/index';
import { sourceFromBytes } from '../connectors/source';
import type { ImportRequest, WorkerMessage } from './worker-protocol';

const post = (message: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

async function run(request: ImportRequest): Promise<void> {
  const { id, files, profiles } = request;
  for (const [fileIndex, file] of files.entries()) {
    const bytes = new Uint8Array(file.bytes);
    post({ type: 'progress', id, file: file.name, fileIndex, files: files.length, bytesRead: 0, size: bytes.byteLength });
    const result = await importSource(sourceFromBytes(file.name, bytes), {
      profile: profiles[file.name],
      onProgress: (bytesRead) => post({ type: 'progress', id, file: file.name, fileIndex, files: files.length, bytesRead, size: bytes.byteLength }),
    });
    post({ type: 'progress', id, file: file.name, fileIndex, files: files.length, bytesRead: bytes.byteLength, size: bytes.byteLength });
    post({ type: 'result', id, fileIndex, result });
  }
  post({ type: 'done', id });
}

self.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
  if (event.data.type !== 'import') return;
  run(event.data).catch((e: unknown) => post({ type: 'failed', id: event.data.id, message: e instanceof Error ? e.message : String(e) }));
});
