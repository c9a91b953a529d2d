/** An error the CLI reports as one line on stderr with a chosen exit code (2 bad input, 3 Azure unreadable). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}
