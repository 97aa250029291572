import { strict as assert } from 'node:assert';

/**
 * A stand-in for the browser's Worker: it answers a request with progress and then either dies
 * (an 'error' event, as a crash or an out-of-memory stop gives) or finishes, as told.
 */
class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  static behaviour: 'die' | 'answer' = 'die';
  terminated = false;
  constructor() {
    super();
    FakeWorker.made.push(this);
  }
  postMessage(request: { id: number }): void {
    const send = (data: unknown) => this.dispatchEvent(new MessageEvent('message', { data }));
    setTimeout(() => {
      send({ type: 'progress', id: request.id, file: 'charges.csv', fileIndex: 0, files: 1, bytesRead: 10 });
      if (FakeWorker.behaviour === 'die') this.dispatchEvent(new Event('error'));
      else send({ type: 'done', id: request.id });
    }, 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('addin/import-client', () => {
  const realWorker = (globalThis as { Worker?: unknown }).Worker;
  before(() => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  after(() => {
    (globalThis as { Worker?: unknown }).Worker = realWorker;
  });

  it('fails the waiting import with a clear sentence when the worker stops, tells the pane, and starts a new worker for the next request', async () => {
    const { importInWorker, onWorkerLost, workerStoppedMessage } = await import('../../addin/import-client');
    let lost = 0;
    onWorkerLost(() => lost++);
    const progress: number[] = [];
    FakeWorker.behaviour = 'die';
    await assert.rejects(
      importInWorker([{ size: 100 } as File], {}, (p) => progress.push(p.fraction)),
      (e: Error) => e.message === workerStoppedMessage,
    );
    assert.deepEqual(progress, [0.1]);
    assert.equal(lost, 1);
    assert.equal(FakeWorker.made.length, 1);
    assert.equal(FakeWorker.made[0]?.terminated, true);

    FakeWorker.behaviour = 'answer';
    assert.deepEqual(await importInWorker([{ size: 100 } as File], {}, () => undefined), []);
    assert.equal(FakeWorker.made.length, 2, 'a new worker answered');
    assert.equal(lost, 1);
  });
});
