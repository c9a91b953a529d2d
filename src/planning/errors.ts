import type { QuestionKey } from './types';

/** Why a set of answers cannot be decided: an answer is missing, has a value outside its choices, or contradicts another. */
export type PlanningInputProblem = 'missing' | 'invalid' | 'contradiction';

/**
 * Answers that cannot be turned into a recommendation. `key` names the answer to fix (CLI flag `--<key>`),
 * `conflictsWith` the other answer of a contradiction, and `hint` says what is expected or why, without naming keys
 * (the CLI and the bot name them their own way).
 */
export class PlanningInputError extends Error {
  override readonly name = 'PlanningInputError';
  constructor(
    readonly key: QuestionKey,
    readonly problem: PlanningInputProblem,
    message: string,
    readonly hint: string,
    readonly conflictsWith?: QuestionKey,
  ) {
    super(message);
  }
}
