// Samples of the planning cards for the template test (card-samples.ts), built with the real model builders.
import { ParameterError, decide, type Answers } from '../../../src/planning';
import type { CardModels } from '../../../src/bot/card-models';
import { exportCardModel } from '../../../src/bot/planning/rules-export-action';
import type { PlanRecord } from '../../../src/bot/planning/plan-store';
import {
  formValues,
  noticeModel,
  questionCardModel,
  recommendationCardModel,
  rulesFormCardModel,
} from '../../../src/bot/planning/planning-cards';
import { emptyPlan } from '../../../src/bot/planning/replies';

/** 20 source ranges: the size the recommendation card must stay under 28 KB with. */
export const TWENTY_RANGES = Array.from({ length: 20 }, (_, i) => `10.${100 + i}.0.0/16`);

export function samplePlan(answers: Answers, overrides: Partial<PlanRecord> = {}): PlanRecord {
  const by = { name: 'Alice', at: '2026-11-26T10:00:00.000Z' };
  return {
    ...emptyPlan({ tenantId: '', conversationId: 'conv-sample' }),
    answers,
    answeredBy: Object.fromEntries(Object.keys(answers).map((k) => [k, by])),
    version: 3,
    ...overrides,
  };
}

const HYBRID: Answers = { source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' };
const SHARED: Answers = { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' };

const fullParameters = {
  dmsSubnet: '10.0.1.0/24',
  sourceRanges: TWENTY_RANGES,
  sqlPort: 14330,
  namedInstance: true,
  smb: true,
  ruleset: '2020' as const,
};

const hybridFull = samplePlan(HYBRID, { parameters: fullParameters });
const sharedCurrent = samplePlan(SHARED, { parameters: { ...fullParameters, ruleset: 'service-tags' } });

export const PLAN_CARD_SAMPLES: Pick<
  { [K in keyof CardModels]: CardModels[K][] },
  'question' | 'recommendation' | 'rules-form' | 'rules-export' | 'plan-notice'
> = {
  question: [
    questionCardModel(samplePlan({}), 'source'),
    questionCardModel(samplePlan({ source: 'onprem', 'cross-subscription': 'no' }), 'rbac-limits'),
  ],
  recommendation: [
    recommendationCardModel(samplePlan(HYBRID), decide(HYBRID), 'recommendation'),
    recommendationCardModel(hybridFull, decide(HYBRID), 'recommendation'),
    {
      ...recommendationCardModel(hybridFull, decide(HYBRID), 'recommendation'),
      diagram: {
        url: `https://bot.example.net/diagrams/${'a'.repeat(43)}.png`,
        altText: 'Diagram of the hybrid topology with the DMS and MI subnets',
      },
    },
    recommendationCardModel(sharedCurrent, decide(SHARED), 'recommendation'),
    recommendationCardModel(sharedCurrent, decide(SHARED), 'rules'),
  ],
  'rules-form': [
    rulesFormCardModel(formValues(hybridFull.parameters), [], 3, 'Which network?'),
    rulesFormCardModel(
      { ...formValues(hybridFull.parameters), dmsSubnet: '10.0.1.0/33', sqlPort: '70000' },
      [
        new ParameterError(
          'dmsSubnet',
          '10.0.1.0/33',
          "'10.0.1.0/33' is not an IPv4 CIDR such as 10.0.1.0/24",
          'not-ipv4-cidr',
        ),
        new ParameterError('sqlPort', '70000', "'70000' is not a port number from 1 to 65535", 'not-port'),
      ],
      3,
      'Fix the fields.',
    ),
  ],
  'rules-export': [exportCardModel(hybridFull, 'azcli'), exportCardModel(hybridFull, 'bicep')],
  'plan-notice': [
    noticeModel('This card is out of date', 'Nothing was changed.'),
    noticeModel('I could not use those answers', 'Please fix:', {
      problems: ["Unknown key 'x'."],
      showContinue: false,
    }),
  ],
};
