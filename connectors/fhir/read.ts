/**
 * FHIR files → resources, one at a time, each with where it sits: NDJSON streamed line by line, a
 * Bundle (or a single resource) parsed whole, with a size limit so a huge file is an issue rather
 * than an out-of-memory crash. Bundle entries are expanded wherever a Bundle appears (a file, or
 * an NDJSON line).
 */
import { messages } from '../../core/messages';
import { readHead, type SourceFile } from '../source';
import type { ResourceLocation } from './context';
import { readLineBatches } from './lines';

export interface ReadOptions {
  /** Largest Bundle/resource JSON file parsed whole (default 512 MiB). */
  readonly maxJsonBytes?: number | undefined;
  /** Longest NDJSON line kept (default 256 Mi characters). */
  readonly maxLineChars?: number | undefined;
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
}

export const DEFAULT_MAX_JSON_BYTES = 512 * 1024 * 1024;

export type Entry =
  | { readonly kind: 'resource'; readonly resource: Record<string, unknown>; readonly type: string; readonly fullUrl?: string | undefined; readonly at: ResourceLocation }
  /** A unit (line, entry) that could not be read: counted as rejected. */
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string; readonly at: ResourceLocation }
  /** The file as a whole could not be read: nothing in it is counted. */
  | { readonly kind: 'unreadable'; readonly code: string; readonly message: string };

export type FhirLayout = 'ndjson' | 'json';

/**
 * NDJSON when the name says so or when the first line is a whole JSON object; otherwise one JSON
 * document (a pretty-printed Bundle's first line is just `{`).
 */
export async function sniffLayout(source: SourceFile): Promise<FhirLayout> {
  if (/\.(ndjson|jsonl)$/i.test(source.name)) return 'ndjson';
  let head: Uint8Array;
  try {
    head = await readHead(source);
  } catch {
    return 'json';
  }
  const text = new TextDecoder('utf-8').decode(head).replace(/^[\s\uFEFF]+/, '');
  const newline = text.indexOf('\n');
  if (newline === -1) return 'json';
  try {
    const first: unknown = JSON.parse(text.slice(0, newline));
    return typeof first === 'object' && first !== null && !Array.isArray(first) ? 'ndjson' : 'json';
  } catch {
    return 'json';
  }
}

const RESOURCE_TYPE_NEAR_START = /"resourceType"\s*:\s*"([A-Za-z]+)"/;

/**
 * Every resource of a file, in batches (an NDJSON chunk's lines, or a whole Bundle). `onlyTypes` lets the indexing pass skip NDJSON lines of other types
 * without parsing them (the type is read from the line's first characters).
 */
export async function* readEntries(source: SourceFile, layout: FhirLayout, options: ReadOptions = {}, onlyTypes?: ReadonlySet<string>): AsyncGenerator<Entry[]> {
  if (layout === 'ndjson') {
    for await (const lines of readLineBatches(source, { maxLineChars: options.maxLineChars, onProgress: options.onProgress })) {
      const batch: Entry[] = [];
      for (const line of lines) {
        const at = { line: line.line };
        if (line.overlongChars !== undefined) {
          batch.push({ kind: 'rejected', code: 'fhir-line-too-long', message: messages.fhirLineTooLong(line.overlongChars), at });
          continue;
        }
        if (onlyTypes !== undefined) {
          const type = RESOURCE_TYPE_NEAR_START.exec(line.text.slice(0, 400))?.[1];
          if (type !== undefined && type !== 'Bundle' && !onlyTypes.has(type)) continue;
        }
        for (const entry of parsed(line.text, at)) batch.push(entry);
      }
      yield batch;
    }
    return;
  }

  const max = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  if (source.size !== undefined && source.size > max) {
    yield [{ kind: 'unreadable', code: 'fhir-file-too-large', message: messages.fhirFileTooLarge(source.size, max) }];
    return;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of source.chunks()) {
      total += chunk.byteLength;
      if (total > max) {
        yield [{ kind: 'unreadable', code: 'fhir-file-too-large', message: messages.fhirFileTooLarge(total, max) }];
        return;
      }
      parts.push(chunk.slice()); // the source may reuse its buffer
      options.onProgress?.(total);
    }
  } catch (e) {
    yield [{ kind: 'unreadable', code: 'file-unreadable', message: e instanceof Error ? e.message : String(e) }];
    return;
  }
  const decoder = new TextDecoder('utf-8');
  let text = '';
  try {
    for (const part of parts) text += decoder.decode(part, { stream: true });
    text += decoder.decode();
  } catch {
    // Near the limit, the text can outgrow the longest string the engine holds (about 512 Mi characters).
    yield [{ kind: 'unreadable', code: 'fhir-file-too-large', message: messages.fhirFileTooLarge(total, max) }];
    return;
  }
  parts.length = 0;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    // One resource per line whose first line was too long to show in the sniffed head: NDJSON after all.
    if (/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text)) {
      text = '';
      yield* readEntries(source, 'ndjson', options, onlyTypes);
      return;
    }
    yield [{ kind: 'unreadable', code: 'fhir-json-invalid', message: messages.fhirJsonInvalid(e instanceof Error ? e.message : String(e)) }];
    return;
  }
  text = '';
  yield [...expand(document, {})];
}

function* parsed(text: string, at: ResourceLocation): Generator<Entry> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    yield { kind: 'rejected', code: 'fhir-json-invalid', message: messages.fhirJsonInvalid(e instanceof Error ? e.message : String(e)), at };
    return;
  }
  yield* expand(value, at);
}

/** A resource, or a Bundle's entries (each at its 1-based entry index). */
function* expand(value: unknown, at: ResourceLocation, fullUrl?: string): Generator<Entry> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    yield { kind: 'rejected', code: 'fhir-resource-invalid', message: messages.fhirNotAResource(), at };
    return;
  }
  const resource = value as Record<string, unknown>;
  const type = resource.resourceType;
  if (typeof type !== 'string' || type === '') {
    yield { kind: 'rejected', code: 'fhir-resource-invalid', message: messages.fhirNotAResource(), at };
    return;
  }
  if (type !== 'Bundle') {
    yield { kind: 'resource', resource, type, fullUrl, at };
    return;
  }
  const entries = resource.entry;
  if (entries === undefined) return;
  if (!Array.isArray(entries)) {
    yield { kind: 'rejected', code: 'fhir-resource-invalid', message: messages.fhirBundleEntriesInvalid(), at };
    return;
  }
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    const entryAt = { ...at, segment: i + 1 };
    const inner = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as { resource?: unknown; fullUrl?: unknown }) : undefined;
    if (inner?.resource === undefined) {
      // A transaction-response or delete entry has no resource: nothing to read, nothing to count.
      if (inner !== undefined && ('response' in inner || 'request' in inner)) continue;
      yield { kind: 'rejected', code: 'fhir-resource-invalid', message: messages.fhirNotAResource(), at: entryAt };
      continue;
    }
    const innerType = (inner.resource as { resourceType?: unknown } | null)?.resourceType;
    if (innerType === 'Bundle') {
      // A Bundle inside a Bundle is read as its entries would be; its location is the outer entry.
      yield* expandNested(inner.resource, entryAt);
      continue;
    }
    yield* expand(inner.resource, entryAt, typeof inner.fullUrl === 'string' ? inner.fullUrl : undefined);
  }
}

function* expandNested(value: unknown, at: ResourceLocation): Generator<Entry> {
  const entries = (value as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    const inner = typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown; fullUrl?: unknown }) : undefined;
    if (inner?.resource === undefined) continue;
    if ((inner.resource as { resourceType?: unknown } | null)?.resourceType === 'Bundle') continue;
    yield* expand(inner.resource, at, typeof inner.fullUrl === 'string' ? inner.fullUrl : undefined);
  }
}
