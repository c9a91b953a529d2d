/** An error the CLI reports as one line on stderr with a chosen exit code (2 bad input, 3 Azure unreadable). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}

/** Exit code of an error the CLI did not expect (sysexits' EX_SOFTWARE): never 1, which means "a check fails". */
export const INTERNAL_ERROR_EXIT_CODE = 70;

const MAX_MESSAGE = 300;

/**
 * Reports an unexpected error: one line on stderr, or `{"error": "..."}` on stdout with --json; the stack only with
 * --debug (on stderr). The flags are read from the raw arguments, as the error may come before or during parsing.
 */
export function reportInternalError(
  error: unknown,
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void },
): number {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE) || 'no message';
  const line = `internal error: ${message} (a bug, not a finding; run again with --debug for the stack)`;
  if (argv.includes('--json')) io.out(`${JSON.stringify({ error: line })}\n`);
  else io.err(`error: ${line}\n`);
  if (argv.includes('--debug')) io.err(`${error instanceof Error && error.stack ? error.stack : raw}\n`);
  return INTERNAL_ERROR_EXIT_CODE;
}
