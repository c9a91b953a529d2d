import type { QuestionKey } from './types';

/** Why a set of answers cannot be decided: an answer is missing, has a value outside its choices, or contradicts another. */
export type PlanningInputProblem = 'missing' | 'invalid' | 'contradiction';

/** Answers that cannot be turned into a recommendation; `key` names the answer to fix (CLI flag `--<key>`). */
export class PlanningInputError extends Error {
  override readonly name = 'PlanningInputError';
  constructor(
    readonly key: QuestionKey,
    readonly problem: PlanningInputProblem,
    message: string,
  ) {
    super(message);
  }
}
