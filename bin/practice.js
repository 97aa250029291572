#!/usr/bin/env node
// The `practice` command. Sources are TypeScript; tsx compiles them on load (no build step for the CLI).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
