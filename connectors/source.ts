/**
 * A source file as connectors see it, the same in Node (the CLI) and in the browser (the task pane's
 * worker): a name and a way to read its bytes from the start, in chunks. Connectors never touch `fs`.
 */
export interface SourceFile {
  /** The file name as the user gave it (no directories). */
  readonly name: string;
  /** Size in bytes when known (for progress). */
  readonly size?: number | undefined;
  /**
   * Reads the file from the start; may be called more than once (detection, then import). A chunk
   * is the reader's only until it asks for the next one: a source may read into the same buffer
   * again (the CLI's does, so reading a file allocates one buffer, not one per megabyte that the
   * engine frees late), so a reader that keeps bytes copies them.
   */
  readonly chunks: () => AsyncIterable<Uint8Array>;
}

/** A source held in memory (tests, small files, the bytes of an XLSX). */
export function sourceFromBytes(name: string, bytes: Uint8Array, chunkSize = 1 << 20): SourceFile {
  return {
    name,
    size: bytes.byteLength,
    async *chunks() {
      for (let i = 0; i < bytes.byteLength; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.byteLength, i + chunkSize));
    },
  };
}

/**
 * A source read from a Blob (the browser's File, in the task pane's worker) one slice at a time, so
 * a 200 MB export is never in memory at once and reading it is the importer's pace. The next slice
 * is read while the importer works on this one.
 */
export function sourceFromBlob(name: string, blob: Blob, chunkSize = 1 << 20): SourceFile {
  const slice = (at: number) => blob.slice(at, Math.min(blob.size, at + chunkSize)).arrayBuffer();
  return {
    name,
    size: blob.size,
    async *chunks() {
      let next = blob.size > 0 ? slice(0) : undefined;
      try {
        for (let i = 0; next !== undefined; i += chunkSize) {
          const bytes = await next;
          next = i + chunkSize < blob.size ? slice(i + chunkSize) : undefined;
          yield new Uint8Array(bytes);
        }
      } finally {
        // A reader that stops early (format detection) leaves a slice being read: its failure is nobody's.
        next?.catch(() => undefined);
      }
    },
  };
}

/** The first `limit` bytes of a source, for format detection. */
export async function readHead(source: SourceFile, limit = 64 * 1024): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk.slice(0, Math.min(chunk.byteLength, limit - total)));
    total += parts[parts.length - 1]?.byteLength ?? 0;
    if (total >= limit) break;
  }
  const head = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    head.set(p, offset);
    offset += p.byteLength;
  }
  return head;
}

/** Reads a whole source into memory: only for formats that cannot stream (XLSX is a zip). */
export async function readAll(source: SourceFile): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk.slice());
    total += chunk.byteLength;
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.byteLength;
  }
  return all;
}
