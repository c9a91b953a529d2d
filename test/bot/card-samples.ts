import type { CardModels } from '../../src/bot/card-models';
import { COMMANDS } from '../../src/bot/command-catalog';

/**
 * Representative data for every template in cards/. The template test fails for a template without samples,
 * so a new card cannot skip the version, parse-warning and size checks.
 */
export const CARD_SAMPLES: { [K in keyof CardModels]: CardModels[K][] } = {
  help: [
    { title: 'Migration Network Advisor', intro: 'Commands:', commands: COMMANDS, localMode: true },
    { title: 'Welcome', intro: 'Try:', commands: COMMANDS, localMode: false },
  ],
  error: [
    {
      title: 'Something went wrong',
      message: 'Please try again.',
      correlationId: '5b0c3e1e-0000-4000-8000-000000000000',
    },
  ],
  hint: [{ text: 'I did not understand "xyz".', suggestion: 'Type help.' }],
};
