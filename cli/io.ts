/** What a command may touch: its arguments, two output streams and the working directory. Tests pass fakes. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  cwd: process.cwd(),
};

/** Exit codes: 0 = done (issues are data), 1 = usage error, 2 = an input could not be read at all. */
export const EXIT = { ok: 0, usage: 1, unreadable: 2 } as const;
