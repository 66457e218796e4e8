#!/usr/bin/env node
/**
 * The critsolve command line. One file per command; this file only wires them and turns
 * errors into exit codes: 2 for bad input (the message alone, no stack trace), 130 for a run
 * stopped by Ctrl-C (cli/interrupt), 1 for an internal failure.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { commands } from './commands.js';
import { Interrupted, INTERRUPTED_EXIT_CODE } from './interrupt.js';

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('critsolve')
    .description('Every complex critical point of a polynomial loss, by polynomial homotopy continuation')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const make of commands) program.addCommand(make().exitOverride());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`critsolve: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Interrupted) {
      process.stderr.write(`critsolve: ${err.message}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    process.stderr.write(`critsolve: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
