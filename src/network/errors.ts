/** The inventory or the options do not let verification start (the CLI exits 2 with this message). */
export class VerifyInputError extends Error {
  constructor(
    message: string,
    /** Names the user can choose from, when the problem is an ambiguous or unknown name. */
    readonly candidates: string[] = [],
  ) {
    super(message);
    this.name = 'VerifyInputError';
  }
}
