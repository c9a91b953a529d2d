import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { sendShirPlan } from '../commands/plan-current';
import { parsePayload } from '../planning-payloads';
import { replyOrRefuse } from '../planning-replies';

const currentPlanPayload = z.object({
  backups: z.enum(['smb', 'blob']).default('smb'),
  privateEndpoint: z.enum(['yes', 'no']).default('no'),
});

/** verb plan.current: "Plan for today's DMS" on the retirement notice, and the shir card's option buttons. */
export async function currentPlanAction(context: TurnContext, data: unknown): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { backups, privateEndpoint } = parsePayload(currentPlanPayload, data);
    await sendShirPlan(context, { backups, storagePrivateEndpoint: privateEndpoint === 'yes' });
  });
}
