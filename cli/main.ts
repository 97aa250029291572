/** `practice` entry point: wires arguments to a command, nothing more. */
import { commands } from './commands/index';
import { EXIT, processIo, type CliIo } from './io';

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands[name];
  if (command === undefined) {
    io.err(`practice: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  return command.run(rest, io);
}

function help(): string {
  const width = Math.max(0, ...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return ['Usage: practice <command> [options]', '', 'Commands:', ...lines].join('\n');
}
