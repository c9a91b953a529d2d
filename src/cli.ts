#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { CliError, reportInternalError } from './cli/errors';
import { registerCommands } from './cli/commands';

/** Runs the CLI and resolves to the exit code; output goes through the given writers (tests pass their own). */
export async function runCli(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  const program = new Command('migration-network-advisor')
    .description('Plan and verify the network for SQL Server → Azure SQL Managed Instance migrations with DMS.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (s, write) => write(s) })
    .showSuggestionAfterError(true)
    .option('--debug', 'on an internal error (exit 70), also print its stack');
  let exitCode = 0;
  registerCommands(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`error: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0; usage errors with 2 (commander already wrote one line).
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportInternalError(e, argv, io);
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
