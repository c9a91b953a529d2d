import { renderCard } from '../../../src/bot/cards';
import { recommendationCardModel, type RecommendationView } from '../../../src/bot/planning/planning-cards';
import { emptyPlan, planStateCard } from '../../../src/bot/planning/replies';
import { planRuleParameters, type PlanParameters, type PlanRecord } from '../../../src/bot/planning/plan-store';
import { DiagramService } from '../../../src/diagram/diagram-service';
import { DiagramImageStore } from '../../../src/diagram/image-store';
import { decide, requiredRules, type Answers } from '../../../src/planning';
import { InMemoryStorage } from '../../../src/storage';
import { ANSWERS } from '../../diagram/diagram-fixtures';

const by = (name: string) => ({ name, at: '2026-11-26T10:00:00.000Z' });

function plan(answers: Answers, changes: Partial<PlanRecord> = {}, parameters: Partial<PlanParameters> = {}) {
  const base = emptyPlan({ tenantId: '', conversationId: 'conv-1' });
  const answeredBy = Object.fromEntries(Object.keys(answers).map((key) => [key, by('Ana')]));
  return {
    ...base,
    answers,
    answeredBy,
    version: 1,
    ...changes,
    parameters: { ...base.parameters, ...parameters },
  } as PlanRecord;
}

/** The card built the long way: the whole model, the whole diagram input, no shortcut keys. */
async function builtAfresh(record: PlanRecord, view: RecommendationView, diagrams?: DiagramService) {
  const recommendation = decide(record.answers);
  const rules = requiredRules(planRuleParameters(record)); // an Azure VM source names the VM
  const model = recommendationCardModel(record, recommendation, view, rules);
  if (!diagrams) return renderCard('recommendation', model);
  const diagram = await diagrams.planDiagram({
    topology: recommendation.topology,
    title: recommendation.title,
    source: record.answers.source,
    dmsSubnet: record.parameters.dmsSubnet,
    sourceRanges: record.parameters.sourceRanges,
    rules,
  });
  return renderCard('recommendation', { ...model, diagram });
}

describe('planStateCard reuses cards only for plans that look the same', () => {
  const diagrams = new DiagramService(new DiagramImageStore(new InMemoryStorage()), 'https://bot.example');
  const hybrid = ANSWERS.hybrid;
  // Each case differs from the one before in one thing, so a key that missed it would serve the previous card.
  const cases: [string, PlanRecord, RecommendationView, DiagramService | undefined][] = [
    ['the base plan', plan(hybrid), 'recommendation', diagrams],
    ['the rules view', plan(hybrid), 'rules', diagrams],
    ['another version', plan(hybrid, { version: 2 }), 'rules', diagrams],
    ['another answerer', plan(hybrid, { version: 2, answeredBy: { source: by('Ben') } }), 'rules', diagrams],
    [
      'the answerer in the recommendation view',
      plan(hybrid, { version: 2, answeredBy: { source: by('Ben') } }),
      'recommendation',
      diagrams,
    ],
    ['the first answerer again', plan(hybrid, { version: 2 }), 'recommendation', diagrams],
    ...(['mi-isolated', 'cloud-shared-vnet', 'cloud-isolated-vnet'] as const).map(
      (topology) => [`answers for ${topology}`, plan(ANSWERS[topology]), 'recommendation', diagrams] as const,
    ),
    ['a source in another cloud', plan({ ...hybrid, source: 'other-cloud' }), 'recommendation', diagrams],
    ['a DMS subnet', plan(hybrid, {}, { dmsSubnet: '10.0.1.0/24' }), 'recommendation', diagrams],
    [
      'source ranges',
      plan(hybrid, {}, { dmsSubnet: '10.0.1.0/24', sourceRanges: ['10.9.0.0/16'] }),
      'recommendation',
      diagrams,
    ],
    ['a SQL port', plan(hybrid, {}, { sqlPort: 14330 }), 'recommendation', diagrams],
    ['a named instance', plan(hybrid, {}, { sqlPort: 14330, namedInstance: true }), 'recommendation', diagrams],
    ['an SMB share', plan(hybrid, {}, { sqlPort: 14330, namedInstance: true, smb: true }), 'recommendation', diagrams],
    ['the service-tags rule set', plan(hybrid, {}, { ruleset: 'service-tags' }), 'recommendation', diagrams],
    ['no diagrams', plan(hybrid, {}, { ruleset: 'service-tags' }), 'recommendation', undefined],
    // Without a diagram (whose URL changes with the parameters), the parameters alone must tell cards apart.
    ['no diagrams, the 2020 rule set', plan(hybrid), 'recommendation', undefined],
    ['no diagrams, a DMS subnet', plan(hybrid, {}, { dmsSubnet: '10.0.1.0/24' }), 'recommendation', undefined],
  ].map(([name, record, view, service]) => [name, record, view, service] as never);

  it.each(cases)(
    '%s: the card equals one built afresh, the first time and again',
    async (_name, record, view, service) => {
      const expected = await builtAfresh(record, view, service);
      expect(await planStateCard(record, view, service)).toEqual(expected);
      expect(await planStateCard(structuredClone(record), view, service)).toEqual(expected);
    },
  );
});
