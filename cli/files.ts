/** Files on disk as connectors see them: a SourceFile per path, and the files a folder argument stands for. */
import { readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { SourceFile } from '../connectors/source';

const CHUNK = 1 << 20;

/**
 * A file on disk as a SourceFile, read in 1 MB chunks from the start on each read, into two
 * buffers in turn (SourceFile allows it): a fresh Buffer per chunk lives outside the heap and is
 * freed only after tens of megabytes of them, so peak memory rose with the file up to that point.
 * The next chunk is read while the reader works on this one (it is written only once the reader
 * asks for it), so the import does not wait for the disk between chunks.
 */
export function sourceFromPath(path: string): SourceFile {
  return {
    name: basename(path),
    size: statSync(path).size,
    async *chunks() {
      const file = await open(path, 'r');
      let buffer = new Uint8Array(CHUNK);
      let other = new Uint8Array(CHUNK);
      let reading: Promise<{ bytesRead: number }> | undefined = file.read(buffer, 0, CHUNK, null);
      try {
        for (;;) {
          const { bytesRead } = await reading;
          reading = undefined;
          if (bytesRead === 0) return;
          const chunk = buffer.subarray(0, bytesRead);
          [buffer, other] = [other, buffer];
          reading = file.read(buffer, 0, CHUNK, null);
          yield chunk;
        }
      } finally {
        // A reader that stops early (format detection) leaves a read in flight: let it end before closing.
        await reading?.catch(() => undefined);
        await file.close();
      }
    },
  };
}

export interface Input {
  /** The path as shown to the user (as typed, or joined under the folder typed). */
  readonly shown: string;
  /** Absolute path. */
  readonly path: string;
  /** Set when the path does not exist or cannot be listed: the one-line reason. */
  readonly problem?: string;
}

/**
 * The files the arguments stand for, in order: a file itself; a folder's files, sorted, looking
 * into sub-folders (hidden files and folders left out). A missing path is kept with its problem.
 */
export function expandInputs(args: readonly string[], cwd: string): Input[] {
  const out: Input[] = [];
  const walk = (shown: string, path: string) => {
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith('.')) continue;
      const child = join(path, name);
      const shownChild = join(shown, name);
      const stat = statSync(child, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(shownChild, child);
      else if (stat?.isFile()) out.push({ shown: shownChild, path: child });
    }
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch (e) {
      out.push({ shown: arg, path, problem: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (stat === undefined) out.push({ shown: arg, path, problem: 'no such file or folder' });
    else if (stat.isDirectory()) {
      try {
        walk(arg, path);
      } catch (e) {
        out.push({ shown: arg, path, problem: e instanceof Error ? e.message : String(e) });
      }
    } else out.push({ shown: arg, path });
  }
  return out;
}
