/**
 * The task-pane bench's figures (bench/taskpane.ts measures them in headless Chromium) as data and
 * as the "Task pane" section of bench/RESULTS.md. No browser and no file access here. The section is
 * rendered from the stage's JSON (bench/out/taskpane.json), so `npm run bench:taskpane` can refresh
 * it alone and `npm run bench` includes the same text.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where bench/taskpane.ts writes its figures. */
export const TASKPANE_JSON = join(dirname(fileURLToPath(import.meta.url)), 'out', 'taskpane.json');

/** What bench/taskpane-probe.ts recorded in the page (times are the page's performance.now(), ms). */
export interface ProbeReport {
  readonly now: number;
  readonly markAt: number;
  readonly longTasks: readonly { start: number; duration: number }[];
  readonly intervalGaps: readonly { start: number; duration: number }[];
  readonly frameGaps: readonly { start: number; duration: number }[];
  readonly barValues: readonly { at: number; value: number }[];
  readonly workerProgress: readonly { at: number; fileIndex: number; bytesRead: number; size: number }[];
  readonly workerMessages: Readonly<Record<string, number>>;
  readonly heapMax: number;
  readonly heapNow: number;
}

/**
 * The longest main-thread task allowed while the import runs. 100 ms is the RAIL response budget: a
 * click answered within it feels immediate, so the pane stays usable (switching tabs, reading the
 * log) while it imports. Office's own limit is far looser (it restarts an add-in unresponsive for
 * about 5 s), so 100 ms leaves a wide margin for a slower PC than this one.
 */
export const LONGEST_TASK_TARGET_MS = 100;

export interface MainThreadFigures {
  /** Long tasks (> 50 ms, the Long Tasks API's definition) from the Import click to the end of the window. */
  readonly longTasks: number;
  readonly longTasksOver100: number;
  readonly longestTaskMs: number;
  /** When the longest task started, seconds after the Import click. */
  readonly longestTaskAtSeconds: number | null;
  readonly longTaskTotalMs: number;
  /** The five longest, ms. */
  readonly topTasksMs: readonly number[];
  /** Long tasks while the page loaded (before the Import click): loading, not importing. */
  readonly pageLoadLongestMs: number;
  /** Largest gap between 16 ms setInterval ticks / between animation frames in the window (0: none over 50 ms). */
  readonly intervalMaxGapMs: number;
  readonly frameMaxGapMs: number;
}

export interface ProgressFigures {
  /** Messages the worker posted, by type. */
  readonly workerMessages: Readonly<Record<string, number>>;
  readonly workerProgressEvents: number;
  /** Fraction of the bytes read at the first and last progress message. */
  readonly firstFraction: number | null;
  readonly lastFraction: number | null;
  /** Seconds after the Import click of the first and last progress message. */
  readonly firstAtSeconds: number | null;
  readonly lastAtSeconds: number | null;
  /** Longest wait between two progress messages (or the click and the first), seconds. */
  readonly longestSilenceSeconds: number | null;
  /** Files never go back, and within a file bytes read never go down. */
  readonly monotonic: boolean;
  /** Values the progress bar took (what the user sees). */
  readonly barUpdates: number;
  readonly barMonotonic: boolean;
  readonly barLast: number | null;
}

const max = (xs: readonly number[]) => xs.reduce((a, b) => Math.max(a, b), 0);

/** The main thread's figures from the Import click (`report.markAt`) to the end of the report. */
export function mainThreadFigures(report: ProbeReport): MainThreadFigures {
  const inWindow = report.longTasks.filter((t) => t.start >= report.markAt);
  const beforeWindow = report.longTasks.filter((t) => t.start < report.markAt);
  const longest = inWindow.reduce<{ start: number; duration: number } | undefined>((a, t) => (a === undefined || t.duration > a.duration ? t : a), undefined);
  // A gap counts if it ended after the click (the tick that closes it comes after the freeze).
  const gaps = (list: readonly { start: number; duration: number }[]) => max(list.filter((g) => g.start + g.duration >= report.markAt).map((g) => g.duration));
  return {
    longTasks: inWindow.length,
    longTasksOver100: inWindow.filter((t) => t.duration > 100).length,
    longestTaskMs: longest?.duration ?? 0,
    longestTaskAtSeconds: longest === undefined ? null : (longest.start - report.markAt) / 1000,
    longTaskTotalMs: inWindow.reduce((n, t) => n + t.duration, 0),
    topTasksMs: inWindow.map((t) => t.duration).sort((a, b) => b - a).slice(0, 5),
    pageLoadLongestMs: max(beforeWindow.map((t) => t.duration)),
    intervalMaxGapMs: gaps(report.intervalGaps),
    frameMaxGapMs: gaps(report.frameGaps),
  };
}

/** What the worker and the progress bar said while the import ran. */
export function progressFigures(report: ProbeReport): ProgressFigures {
  const events = report.workerProgress.filter((p) => p.at >= report.markAt);
  const sizes = new Map<number, number>();
  for (const p of events) sizes.set(p.fileIndex, p.size);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0) || 1;
  const before = (fileIndex: number) => [...sizes].filter(([i]) => i < fileIndex).reduce((n, [, s]) => n + s, 0);
  const fraction = (p: { fileIndex: number; bytesRead: number }) => (before(p.fileIndex) + p.bytesRead) / total;
  let monotonic = true;
  let silence = 0;
  events.forEach((p, i) => {
    const prev = events[i - 1];
    if (prev !== undefined && (p.fileIndex < prev.fileIndex || (p.fileIndex === prev.fileIndex && p.bytesRead < prev.bytesRead))) monotonic = false;
    silence = Math.max(silence, p.at - (prev?.at ?? report.markAt));
  });
  const bar = report.barValues.filter((b) => b.at >= report.markAt);
  const first = events[0];
  const last = events[events.length - 1];
  return {
    workerMessages: report.workerMessages,
    workerProgressEvents: events.length,
    firstFraction: first === undefined ? null : fraction(first),
    lastFraction: last === undefined ? null : fraction(last),
    firstAtSeconds: first === undefined ? null : (first.at - report.markAt) / 1000,
    lastAtSeconds: last === undefined ? null : (last.at - report.markAt) / 1000,
    longestSilenceSeconds: events.length === 0 ? null : silence / 1000,
    monotonic,
    barUpdates: bar.length,
    barMonotonic: bar.every((b, i) => i === 0 || b.value >= (bar[i - 1]?.value ?? 0)),
    barLast: bar[bar.length - 1]?.value ?? null,
  };
}

/** One run of bench/taskpane.ts, as written to bench/out/taskpane.json. */
export interface TaskpaneResult {
  readonly date: string;
  readonly command: string;
  readonly machine: string;
  readonly chromium: string;
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
  readonly input: { readonly path: string; readonly lines: number; readonly bytes: number; readonly sha256: string; readonly seed: number; readonly generated: string };
  readonly buildSeconds: number;
  /** imported: the pane said "Imported …"; failed: it showed an error; crashed/timeout: the page died or never finished. */
  readonly outcome: 'imported' | 'failed' | 'crashed' | 'timeout';
  /** The pane's status line at the end. */
  readonly status: string;
  readonly importSeconds: number | null;
  /** What the pane's import log shows for the file. */
  readonly pane: { readonly rowsRead: number; readonly recordsImported: number; readonly rowsRejected: number; readonly issues: number } | null;
  readonly mainThread: MainThreadFigures | null;
  readonly progress: ProgressFigures | null;
  readonly memory: { readonly mainHeapPeakBytes: number; readonly mainHeapEndBytes: number; readonly chromiumRssPeakBytes: number };
  readonly targetMs: number;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 1e6, 0);
/** The probe records gaps over 50 ms only. */
const gap = (ms: number) => (ms === 0 ? 'none over 50 ms' : `${fmt(ms, 0)} ms`);

/** The "Task pane" section of bench/RESULTS.md (heading included). */
export function taskpaneSection(r: TaskpaneResult | undefined, why = 'no bench/out/taskpane.json: run `npm run bench:taskpane`'): string {
  const heading = `${TASKPANE_HEADING}\n\n`;
  if (r === undefined) return `${heading}_Not measured: ${why}._\n`;
  const t = r.mainThread;
  const p = r.progress;
  const met = r.outcome === 'imported' && t !== null && t.longestTaskMs < r.targetMs;
  const lines = [
    `- Date: ${r.date}; command: \`${r.command}\`; ${r.machine}; ${r.chromium} headless (playwright-core, /usr/bin/chromium).`,
    `- Load average before / after: ${r.loadAverage.before.map((l) => fmt(l, 2)).join(', ')} / ${r.loadAverage.after.map((l) => fmt(l, 2)).join(', ')} (2 cores shared with other work: wall times and task lengths stretch when it exceeds 2).`,
    `- Input: ${r.input.path}, ${r.input.lines.toLocaleString('en-US')} charge lines, ${fmt(r.input.bytes / 1e6)} MB (sha256 \`${r.input.sha256}\`; ${r.input.generated}).`,
    `- How: the task pane built by webpack (production, ${fmt(r.buildSeconds, 0)} s), served from 127.0.0.1 with the fake Office host (test/fakes/browser-host.ts); the file goes through the pane's file input (setInputFiles) and its Import button, so it takes the user's path (import-client → Web Worker). bench/taskpane-probe.ts records long tasks (PerformanceObserver 'longtask', buffered, from page start), a 16 ms setInterval and a requestAnimationFrame heartbeat, the worker's messages, the progress bar's values and the main thread's JS heap. The window runs from the Import click to 2 s after the pane reports the result. A heartbeat gap longer than every long task is time the page's thread waited for a core (the worker and other work share two), not work on it.`,
    '',
    '| figure | measured |',
    '|---|---:|',
    `| outcome | ${r.outcome}: "${r.status.replaceAll('|', '\\|')}" |`,
    `| rows read / imported / rejected / issues (the pane's import log) | ${r.pane === null ? '—' : `${r.pane.rowsRead.toLocaleString('en-US')} / ${r.pane.recordsImported.toLocaleString('en-US')} / ${r.pane.rowsRejected.toLocaleString('en-US')} / ${r.pane.issues}`} |`,
    `| import wall time (click → result shown) | ${r.importSeconds === null ? '—' : `${fmt(r.importSeconds, 1)} s`} |`,
    `| throughput | ${r.importSeconds === null ? '—' : `${fmt(r.input.bytes / 1e6 / r.importSeconds)} MB/s`} |`,
    `| **longest main-thread task** during the import | ${t === null ? '—' : t.longTasks === 0 ? '**none over 50 ms**' : `**${fmt(t.longestTaskMs, 0)} ms**${t.longestTaskAtSeconds === null ? '' : ` (at ${fmt(t.longestTaskAtSeconds, 1)} s)`}`} |`,
    `| long tasks > 50 ms / > 100 ms; their total | ${t === null ? '—' : `${t.longTasks} / ${t.longTasksOver100}; ${fmt(t.longTaskTotalMs, 0)} ms`} |`,
    `| five longest tasks | ${t === null || t.topTasksMs.length === 0 ? '—' : t.topTasksMs.map((d) => `${fmt(d, 0)} ms`).join(', ')} |`,
    `| heartbeat: largest gap between 16 ms timer ticks / animation frames | ${t === null ? '—' : `${gap(t.intervalMaxGapMs)} / ${gap(t.frameMaxGapMs)}`} |`,
    `| progress messages from the worker (first → last) | ${p === null ? '—' : `${p.workerProgressEvents}${p.firstFraction === null ? '' : ` (${fmt(100 * p.firstFraction, 0)} % at ${fmt(p.firstAtSeconds ?? 0, 1)} s → ${fmt(100 * (p.lastFraction ?? 0), 0)} % at ${fmt(p.lastAtSeconds ?? 0, 1)} s)`}; ${p.monotonic ? 'monotonic' : '**not monotonic**'}; longest silence ${p.longestSilenceSeconds === null ? '—' : `${fmt(p.longestSilenceSeconds, 1)} s`}`} |`,
    `| worker messages by type | ${p === null ? '—' : Object.entries(p.workerMessages).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
    `| progress bar updates (last value) | ${p === null ? '—' : `${p.barUpdates} (${p.barLast === null ? '—' : fmt(p.barLast, 2)}); ${p.barMonotonic ? 'monotonic' : '**not monotonic**'}`} |`,
    `| main-thread JS heap: peak / at the end | ${mb(r.memory.mainHeapPeakBytes)} MB / ${mb(r.memory.mainHeapEndBytes)} MB |`,
    `| Chromium's processes, peak Σ RSS (worker included; shared pages counted in each process) | ${mb(r.memory.chromiumRssPeakBytes)} MB |`,
    `| page load's longest task (before the click; not the import) | ${t === null ? '—' : `${fmt(t.pageLoadLongestMs, 0)} ms`} |`,
    '',
    `Target: the page does not freeze while ${fmt(r.input.bytes / 1e6, 0)} MB imports — the longest main-thread task under **${r.targetMs} ms** (RAIL's response budget: a click answered within it feels immediate; Office restarts an add-in only after about 5 s unresponsive, so this leaves a wide margin for a slower PC). **${met ? 'Met' : 'Not met'}.**`,
  ];
  return heading + lines.join('\n') + '\n';
}

export const TASKPANE_HEADING = '## Task pane (Web Worker import, longest main-thread task in headless Chromium)';

/** `markdown` with its task-pane section replaced by `section` (appended when it has none). */
export function withTaskpaneSection(markdown: string, section: string): string {
  return withSection(markdown, TASKPANE_HEADING, section);
}

/** `markdown` with the section under `heading` (up to the next "## " heading) replaced by `section`, heading included; appended when it has none. */
export function withSection(markdown: string, heading: string, section: string): string {
  const at = markdown.indexOf(heading);
  if (at < 0) return `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`;
  const next = markdown.indexOf('\n## ', at + heading.length);
  const rest = next < 0 ? '' : markdown.slice(next + 1);
  return `${markdown.slice(0, at)}${section.trimEnd()}\n${rest === '' ? '' : `\n${rest}`}`;
}
