import type { Activity } from 'botbuilder';
import { DEFAULT_PLAN_PARAMETERS, updatePlan } from '../../../src/bot/planning/plan-store';
import { firstCard } from '../../support/bot-harness';
import { snapshot, SUB, verifyConversation } from './verify-fixtures';
import { cardText } from '../../support/card-walker';

// The bot's verify on the real-shape fixtures of issue 13 (see test/cli/verify-shapes.test.ts for what they hold).
const textOf = (activities: Partial<Activity>[]) => cardText(firstCard(activities));

async function verifyResult(v: ReturnType<typeof verifyConversation>): Promise<string> {
  await v.conversation.send(`verify ${SUB}`);
  await v.settle();
  return textOf(v.updates);
}

describe('verify on real shapes', () => {
  it.each(['dual-stack', 'dual-stack-cli'])('%s: a dual-stack network passes every check', async (fixture) => {
    const v = verifyConversation(() => snapshot(fixture));
    const result = await verifyResult(v);
    expect(result).toContain('Verification: nothing blocks the migration');
    expect(result).toContain('sqlmi-dualstack');
    expect(result).toMatch(/13 pass, 0 fail, 0 warn, 0 unknown/);
    expect(result).not.toMatch(/❌|⚠️|❔/);
  });

  it.each(['later-revision', 'later-revision-cli'])(
    "%s: 9354 and 12000 denied under the article's later revision are warnings on the card",
    async (fixture) => {
      const v = verifyConversation(() => snapshot(fixture));
      await updatePlan(v.conversation.deps.storage, { tenantId: '', conversationId: 'conv-1' }, () => ({
        conversationId: 'conv-1',
        answers: { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' },
        answeredBy: {},
        parameters: { ...DEFAULT_PLAN_PARAMETERS, sourceRanges: ['10.70.3.0/24'] },
        version: 0,
        updatedAt: '',
      }));
      const result = await verifyResult(v);
      expect(result).toMatch(/\d+ pass, 0 fail, 2 warn, 0 unknown/);
      expect(result).toMatch(
        /⚠️ \nnsg-management-9354\n: .*but TCP 443 to ServiceBus, Storage and AzureMonitor is allowed/,
      );
      expect(result).toMatch(/⚠️ \nnsg-diagnostics-12000\n/);
      expect(result).not.toMatch(/❌/);
    },
  );
});
