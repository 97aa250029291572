/** The command table: one line per command, each module in this folder exports `command`. */
import type { CliIo } from '../io';
import { command as build } from './build';
import { command as demo } from './demo';
import { command as demoData } from './demo-data';
import { command as inspect } from './inspect';
import { command as kpi } from './kpi';
import { command as price } from './price';

export interface Command {
  /** One line for `practice --help`. */
  readonly summary: string;
  /** Usage text printed on a usage error. */
  readonly usage: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
}

export const commands: Record<string, Command> = {
  inspect,
  'demo-data': demoData,
  build,
  kpi,
  demo,
  price,
};
