/**
 * Runs in the task pane page before its own scripts (bundled by bench/taskpane.ts, injected with
 * playwright's addInitScript): records what the main thread went through while an import ran.
 * - long tasks (PerformanceObserver 'longtask', buffered) from page start;
 * - a heartbeat: the largest gap between setInterval(16 ms) ticks and between animation frames
 *   (a frozen page shows as a gap, whatever froze it);
 * - every message the import worker posted (counted by type; progress byte counts in order);
 * - every value the progress bar took, as the user sees it;
 * - the main thread's JS heap (performance.memory, sampled by the heartbeat).
 * The bench reads it all back with `window.__taskpaneProbe.report()`.
 */

interface Span {
  readonly start: number;
  readonly duration: number;
}

interface ProgressSample {
  readonly at: number;
  readonly value: number;
}

const longTasks: Span[] = [];
const intervalGaps: Span[] = [];
const frameGaps: Span[] = [];
const barValues: ProgressSample[] = [];
const workerProgress: { at: number; fileIndex: number; bytesRead: number; size: number }[] = [];
const workerMessages: Record<string, number> = {};
let heapMax = 0;
let markAt = 0;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - lastTick > 50) intervalGaps.push({ start: lastTick, duration: now - lastTick });
  lastTick = now;
  heapMax = Math.max(heapMax, memory());
}, 16);

let lastFrame = performance.now();
const frame = (now: number) => {
  if (now - lastFrame > 50) frameGaps.push({ start: lastFrame, duration: now - lastFrame });
  lastFrame = now;
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);

// Count what the import worker posts (the pane's own listener gets the same messages).
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    this.addEventListener('message', (event: MessageEvent) => {
      const m = event.data as { type?: string; fileIndex?: number; bytesRead?: number; size?: number };
      const type = String(m?.type);
      workerMessages[type] = (workerMessages[type] ?? 0) + 1;
      if (type === 'progress') workerProgress.push({ at: performance.now(), fileIndex: m.fileIndex ?? 0, bytesRead: m.bytesRead ?? 0, size: m.size ?? 0 });
    });
  }
};

// The progress bar as the user sees it (HTMLProgressElement.value reflects to the attribute).
document.addEventListener('DOMContentLoaded', () => {
  const bar = document.getElementById('import-bar') as HTMLProgressElement | null;
  if (bar === null) return;
  new MutationObserver(() => barValues.push({ at: performance.now(), value: bar.value })).observe(bar, { attributes: true, attributeFilter: ['value'] });
});

(window as unknown as Record<string, unknown>).__taskpaneProbe = {
  /** Marks the start of the measured window (just before the Import click). */
  mark(): number {
    markAt = performance.now();
    heapMax = memory();
    return markAt;
  },
  report() {
    return { now: performance.now(), markAt, longTasks, intervalGaps, frameGaps, barValues, workerProgress, workerMessages, heapMax, heapNow: memory() };
  },
};
