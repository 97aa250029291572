/**
 * The task pane: Import (files, format detection, the mapping step, progress, the import log),
 * Build, Refresh, Share-safe copy and Issues. Parsing runs in a Web Worker (import-client.ts), which
 * keeps the imported records and builds the plans: this thread holds import reports and the plan
 * being written, so a large export never freezes the pane. Writing goes through render/office;
 * Office.js itself only through addin/office/ and render/office.
 */
import type { Issue } from '../core/issues';
import { applyUserValues } from '../core/plan/refresh';
import type { WorkbookPlan } from '../core/plan/types';
import type { MappingProfile } from '../connectors/profiles';
import { excelPort, readUserValuesFromWorkbook } from '../render/office';
import { forgetInWorker, importInWorker, onWorkerLost, planInWorker, type ImportProgress } from './import-client';
import { filterChoices, filterIssues, issuePlace } from './issues-filter';
import { baseProfile, mappingBases, missingFields, needsMapping, profileFromMapping } from './mapping';
import { officeReady, openWorkbook, saveProfile, savedProfiles } from './office/host';
import { shareSafeCopy } from './share-safe';
import { workbookChoices, type AddinWorkbook } from './plans';
import { buildPlanKeeping, writeWorkbook } from './workbooks';
import type { ImportReport } from './worker-protocol';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the task pane has no #${id}`);
  return element as T;
};

interface State {
  files: File[];
  results: (ImportReport | undefined)[];
  profiles: Record<string, Record<string, unknown>>;
  /** Indexes of files waiting for the mapping step. */
  mappingQueue: number[];
  lastKind: AddinWorkbook | undefined;
  shareBytes: Uint8Array | undefined;
}

const state: State = { files: [], results: [], profiles: {}, mappingQueue: [], lastKind: undefined, shareBytes: undefined };

function text(element: HTMLElement, value: string, tone: '' | 'ok' | 'error' = ''): void {
  element.textContent = value;
  element.className = tone === '' ? 'status' : tone === 'ok' ? 'status ok' : 'error';
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/* ---------- tabs (arrow keys move between them, as in Fluent) ---------- */

function setUpTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute('aria-controls') ?? '').hidden = !selected;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = tabs[(i + step + tabs.length) % tabs.length];
      if (next !== undefined) select(next, true);
    });
  });
}

/* ---------- Import ---------- */

function addFiles(list: FileList | readonly File[]): void {
  const replaced: string[] = [];
  for (const file of [...list]) {
    const at = state.files.findIndex((f) => f.name === file.name);
    if (at >= 0) {
      state.files[at] = file;
      state.results[at] = undefined;
      replaced.push(file.name);
    } else {
      state.files.push(file);
      state.results.push(undefined);
    }
  }
  // The worker lets go of what it read from a replaced file (it holds every imported record).
  void forgetInWorker(replaced);
  renderFileList();
}

function renderFileList(): void {
  const list = $('chosen-files');
  list.replaceChildren(
    ...state.files.map((file) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = file.name;
      const size = document.createElement('span');
      size.className = 'size';
      size.textContent = formatBytes(file.size);
      item.append(name, size);
      return item;
    }),
  );
  $<HTMLButtonElement>('import-button').disabled = state.files.length === 0;
  $<HTMLButtonElement>('clear-files').disabled = state.files.length === 0;
}

function showProgress(prefix: string, fraction: number, label: string): void {
  $(`${prefix}-progress`).hidden = false;
  const bar = $<HTMLProgressElement>(`${prefix}-bar`);
  bar.value = fraction;
  bar.setAttribute('aria-valuetext', `${Math.round(fraction * 100)} %`);
  $(`${prefix}-progress-label`).textContent = label;
}

async function importFiles(indexes: readonly number[], progress: 'import' | 'refresh' = 'import'): Promise<void> {
  const files = indexes.map((i) => state.files[i]).filter((f): f is File => f !== undefined);
  if (files.length === 0) return;
  const status = $('import-status');
  text(status, `Reading ${files.length} file(s)…`);
  $<HTMLButtonElement>('import-button').disabled = true;
  try {
    const results = await importInWorker(files, state.profiles, (p: ImportProgress) =>
      showProgress(progress, p.fraction, `Reading ${p.file} (${p.fileIndex + 1} of ${p.files}) — ${Math.round(p.fraction * 100)} %`),
    );
    results.forEach((result, k) => {
      const index = indexes[k];
      if (index !== undefined) state.results[index] = result;
    });
    showProgress(progress, 1, 'Read');
    const imported = results.reduce((n, r) => n + r.recordsImported, 0);
    state.mappingQueue = state.results.flatMap((r, i) => (r !== undefined && needsMapping(r) && state.results[i] === r ? [i] : []));
    text(status, `Imported ${imported.toLocaleString('en-US')} record(s) from ${results.length} file(s).${state.mappingQueue.length > 0 ? ` ${state.mappingQueue.length} file(s) need their columns mapped.` : ''}`, 'ok');
  } catch (e) {
    text(status, `The import stopped: ${e instanceof Error ? e.message : String(e)}`, 'error');
  } finally {
    $<HTMLButtonElement>('import-button').disabled = state.files.length === 0;
  }
  renderImportLog();
  renderIssues();
  showNextMapping();
}

function allIssues(): Issue[] {
  return state.results.flatMap((r) => r?.issues ?? []);
}

function cell(row: HTMLTableRowElement, value: string, className = ''): void {
  const td = row.insertCell();
  td.textContent = value;
  if (className !== '') td.className = className;
}

function fileCell(row: HTMLTableRowElement, name: string, how: string): void {
  const td = row.insertCell();
  td.className = 'file';
  const title = document.createElement('span');
  title.textContent = name;
  const detail = document.createElement('span');
  detail.className = 'how';
  detail.textContent = how;
  td.append(title, detail);
}

function renderImportLog(): void {
  const body = $<HTMLTableElement>('import-log').tBodies[0];
  if (body === undefined) return;
  body.replaceChildren();
  state.results.forEach((result, i) => {
    const row = body.insertRow();
    if (result === undefined) {
      fileCell(row, state.files[i]?.name ?? '', 'not read yet');
      for (let k = 0; k < 4; k++) cell(row, '');
      return;
    }
    fileCell(row, result.file, `${result.format} · ${result.profile ?? (needsMapping(result) ? 'needs its columns mapped' : 'not read')}`);
    cell(row, result.rowsRead.toLocaleString('en-US'), 'num');
    cell(row, result.recordsImported.toLocaleString('en-US'), 'num');
    cell(row, result.rowsRejected.toLocaleString('en-US'), 'num');
    cell(row, String(result.issues.length), 'num');
  });
  if (state.results.length === 0) {
    const row = body.insertRow();
    const td = row.insertCell();
    td.colSpan = 5;
    td.className = 'empty';
    td.textContent = 'Nothing imported yet.';
  }
}

/* ---------- the mapping step ---------- */

function currentMappingIndex(): number | undefined {
  return state.mappingQueue[0];
}

function renderMappingFields(profile: MappingProfile, headers: readonly string[]): void {
  const container = $('mapping-fields');
  container.replaceChildren(
    ...missingFields(profile, headers).flatMap(({ field, label }) => {
      const id = `map-${field}`;
      const caption = document.createElement('label');
      caption.htmlFor = id;
      caption.textContent = label;
      const select = document.createElement('select');
      select.id = id;
      select.dataset.field = field;
      const none = document.createElement('option');
      none.value = '';
      none.textContent = '— choose a column —';
      select.append(none, ...headers.map((h) => Object.assign(document.createElement('option'), { value: h, textContent: h })));
      return [caption, select];
    }),
  );
}

function showNextMapping(): void {
  const index = currentMappingIndex();
  const card = $('mapping');
  const result = index === undefined ? undefined : state.results[index];
  if (index === undefined || result?.mapping === undefined) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  $('mapping-file').textContent = result.file;
  $('mapping-headers').textContent = result.mapping.headers.join(', ');
  text($('mapping-error'), '', 'error');
  const base = $<HTMLSelectElement>('mapping-base');
  if (base.options.length === 0) {
    base.append(...mappingBases().map((b) => Object.assign(document.createElement('option'), { value: b.id, textContent: b.label })));
  }
  base.value = baseProfile(undefined)?.id ?? '';
  const profile = baseProfile(base.value);
  if (profile !== undefined) renderMappingFields(profile, result.mapping.headers);
  $('mapping-title').scrollIntoView({ block: 'nearest' });
  $<HTMLSelectElement>('mapping-base').focus();
}

async function saveMapping(): Promise<void> {
  const index = currentMappingIndex();
  const result = index === undefined ? undefined : state.results[index];
  const file = index === undefined ? undefined : state.files[index];
  const profile = baseProfile($<HTMLSelectElement>('mapping-base').value);
  if (index === undefined || result?.mapping === undefined || file === undefined || profile === undefined) return;
  const picks: Record<string, string> = {};
  for (const select of $('mapping-fields').querySelectorAll<HTMLSelectElement>('select')) picks[select.dataset.field ?? ''] = select.value;
  const made = profileFromMapping(profile, result.mapping.headers, file.name, picks);
  if (!made.ok) {
    text($('mapping-error'), made.error, 'error');
    return;
  }
  const json = JSON.parse(JSON.stringify(made.value)) as Record<string, unknown>;
  state.profiles[file.name] = json;
  try {
    await saveProfile(file.name, json);
  } catch (e) {
    text($('mapping-error'), `The mapping is used now but could not be saved in the workbook: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
  state.mappingQueue.shift();
  await importFiles([index]);
}

/* ---------- Build, Refresh, Share-safe copy ---------- */

/** Plans of the imported files, built by the worker that keeps their records. */
const planner = planInWorker(() => state.results.flatMap((r) => (r === undefined ? [] : [r.file])));

async function build(kind: AddinWorkbook, step: 'build' | 'refresh'): Promise<void> {
  const statusId = `${step}-status`;
  const status = $(statusId);
  text(status, 'Reading what you typed in the workbook…');
  let planned: Awaited<ReturnType<typeof buildPlanKeeping>>;
  try {
    planned = await buildPlanKeeping(kind, planner, excelPort(), { practiceName: $<HTMLInputElement>('practice-name').value.trim() || undefined });
  } catch (e) {
    text(status, `Excel refused the read: ${e instanceof Error ? e.message : String(e)}`, 'error');
    return;
  }
  if (!planned.ok) {
    text(status, planned.error, 'error');
    return;
  }
  text(status, 'Writing into the workbook…');
  try {
    const built = await writeWorkbook(planned.value, excelPort(), (done, total) => showProgress(step, done / total, `Writing: request ${done} of ${total}`));
    state.lastKind = kind;
    const mb = (built.stats.totalBytes / 1024 / 1024).toFixed(1);
    text(
      status,
      `Built "${built.plan.title}": ${built.plan.sheets.length} sheets in ${built.stats.syncs} requests (${mb} MB).` +
        (built.keptValues > 0 ? ` Kept ${built.keptValues} target(s), comment(s) and input(s) from the workbook.` : '') +
        (built.orphans.length > 0 ? ` ${built.orphans.length} moved to "Orphaned comments".` : ''),
      'ok',
    );
  } catch (e) {
    text(status, `Excel refused the write: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

async function refresh(): Promise<void> {
  const status = $('refresh-status');
  if (state.files.length === 0) {
    text(status, 'Nothing to refresh: import export files first.', 'error');
    return;
  }
  text(status, 'Re-importing…');
  await importFiles(state.files.map((_, i) => i), 'refresh');
  await build(state.lastKind ?? (($<HTMLSelectElement>('workbook-kind').value as AddinWorkbook) || 'kpi'), 'refresh');
}

async function makeShareSafe(): Promise<void> {
  const status = $('share-status');
  const kind = state.lastKind ?? (($<HTMLSelectElement>('workbook-kind').value as AddinWorkbook) || 'kpi');
  const planned = await planner(kind, { practiceName: $<HTMLInputElement>('practice-name').value.trim() || undefined });
  if (!planned.ok) {
    text(status, planned.error, 'error');
    return;
  }
  text(status, 'Making the copy…');
  // What the user typed in the workbook goes into the copy too (then share-safe removes free text).
  let plan: WorkbookPlan = planned.value;
  try {
    // Budget and variance compute from the user's drivers and thresholds: built with them.
    const kept = await buildPlanKeeping(kind, planner, excelPort(), { practiceName: $<HTMLInputElement>('practice-name').value.trim() || undefined });
    if (kept.ok) plan = kept.value;
    plan = applyUserValues(plan, await readUserValuesFromWorkbook(excelPort(), plan)).plan;
  } catch {
    // No workbook values to read (nothing built yet): the copy is made from the imports alone.
  }
  const copy = shareSafeCopy(plan);
  const { renderXlsx } = await import(/* webpackChunkName: "xlsx" */ '../render/xlsx');
  const bytes = await renderXlsx(copy.plan);
  state.shareBytes = bytes;
  const link = $<HTMLAnchorElement>('share-link');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  link.download = `${copy.plan.title.replace(/[^A-Za-z0-9 ()-]+/g, '').trim() || 'Practice workbook'}.xlsx`;
  link.textContent = `Download ${link.download} (${formatBytes(bytes.byteLength)})`;
  link.hidden = false;
  $<HTMLButtonElement>('share-open').disabled = false;
  $('share-removed').replaceChildren(...copy.removed.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
  text(status, 'The share-safe copy is ready.', 'ok');
}

async function openShareSafe(): Promise<void> {
  if (state.shareBytes === undefined) return;
  const opened = await openWorkbook(state.shareBytes);
  text($('share-status'), opened ? 'Opened the copy in a new Excel window.' : 'This Excel cannot open a workbook from the add-in: use the download link.', opened ? 'ok' : 'error');
}

/* ---------- Issues ---------- */

function refill(select: HTMLSelectElement, values: readonly string[]): void {
  const keep = select.value;
  const first = select.options[0];
  select.replaceChildren(...(first === undefined ? [] : [first]), ...values.map((v) => Object.assign(document.createElement('option'), { value: v, textContent: v })));
  select.value = values.includes(keep) ? keep : '';
}

function renderIssues(): void {
  const issues = allIssues();
  const choices = filterChoices(issues);
  refill($<HTMLSelectElement>('filter-file'), choices.files);
  refill($<HTMLSelectElement>('filter-code'), choices.codes);
  const shown = filterIssues(issues, {
    severity: $<HTMLSelectElement>('filter-severity').value as Issue['severity'] | '',
    file: $<HTMLSelectElement>('filter-file').value,
    code: $<HTMLSelectElement>('filter-code').value,
  });
  const body = $<HTMLTableElement>('issues-table').tBodies[0];
  body?.replaceChildren();
  for (const issue of shown.slice(0, 500)) {
    const row = body?.insertRow();
    if (row === undefined) break;
    cell(row, issue.severity, `sev sev-${issue.severity}`);
    cell(row, issuePlace(issue));
    cell(row, issue.code);
    cell(row, issue.message);
  }
  $('issues-count').textContent =
    issues.length === 0 ? 'No issues.' : `${shown.length} of ${issues.length} issue(s) shown${shown.length > 500 ? ' (the first 500 listed)' : ''}.`;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const badge = $('issues-badge');
  badge.hidden = errors === 0;
  badge.textContent = String(errors);
  badge.setAttribute('aria-label', `${errors} errors`);
}

/* ---------- start ---------- */

function wire(): void {
  setUpTabs();
  const input = $<HTMLInputElement>('file-input');
  $('choose-files').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files !== null) addFiles(input.files);
  });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    if (event.dataTransfer?.files) addFiles(event.dataTransfer.files);
  });
  $('import-button').addEventListener('click', () => void importFiles(state.files.map((_, i) => i)));
  $('clear-files').addEventListener('click', () => {
    void forgetInWorker(state.files.map((f) => f.name));
    state.files = [];
    state.results = [];
    state.mappingQueue = [];
    renderFileList();
    renderImportLog();
    renderIssues();
    showNextMapping();
  });
  // The worker held the imports; when it stops they are gone, so the log shows none (the chosen files stay, ready to import again).
  onWorkerLost(() => {
    state.results = [];
    state.mappingQueue = [];
    renderImportLog();
    renderIssues();
    showNextMapping();
  });
  $('mapping-base').addEventListener('change', () => {
    const index = currentMappingIndex();
    const headers = index === undefined ? undefined : state.results[index]?.mapping?.headers;
    const profile = baseProfile($<HTMLSelectElement>('mapping-base').value);
    if (headers !== undefined && profile !== undefined) renderMappingFields(profile, headers);
  });
  $('mapping-save').addEventListener('click', () => void saveMapping());
  $('mapping-skip').addEventListener('click', () => {
    state.mappingQueue.shift();
    showNextMapping();
  });
  const kind = $<HTMLSelectElement>('workbook-kind');
  kind.append(...workbookChoices.map((c) => Object.assign(document.createElement('option'), { value: c.id, textContent: c.label })));
  $('build-button').addEventListener('click', () => void build(kind.value as AddinWorkbook, 'build'));
  $('refresh-button').addEventListener('click', () => void refresh());
  $('share-download').addEventListener('click', () => void makeShareSafe());
  $('share-open').addEventListener('click', () => void openShareSafe());
  for (const id of ['filter-severity', 'filter-file', 'filter-code']) $(id).addEventListener('change', renderIssues);
}

wire();
officeReady()
  .then((info) => {
    state.profiles = savedProfiles();
    const saved = Object.keys(state.profiles).length;
    $('host-status').textContent = `Connected to Excel (${info.platform}).${saved > 0 ? ` ${saved} saved column mapping(s) in this workbook.` : ''}`;
  })
  .catch((e: unknown) => {
    $('host-status').textContent = `Excel is not available: ${e instanceof Error ? e.message : String(e)}`;
  });
