/**
 * A source file as connectors see it, the same in Node (the CLI) and in the browser (the task pane's
 * worker): a name and a way to read its bytes from the start, in chunks. Connectors never touch `fs`.
 */
export interface SourceFile {
  /** The file name as the user gave it (no directories). */
  readonly name: string;
  /** Size in bytes when known (for progress). */
  readonly size?: number | undefined;
  /** Reads the file from the start; may be called more than once (detection, then import). */
  readonly chunks: () => AsyncIterable<Uint8Array>;
}

/** A source held in memory (tests, small files, the browser's File after arrayBuffer()). */
export function sourceFromBytes(name: string, bytes: Uint8Array, chunkSize = 1 << 20): SourceFile {
  return {
    name,
    size: bytes.byteLength,
    async *chunks() {
      for (let i = 0; i < bytes.byteLength; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.byteLength, i + chunkSize));
    },
  };
}

/** The first `limit` bytes of a source, for format detection. */
export async function readHead(source: SourceFile, limit = 64 * 1024): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk.subarray(0, Math.min(chunk.byteLength, limit - total)));
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
    parts.push(chunk);
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
