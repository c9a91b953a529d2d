import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { RUNTIME_HOSTS, SQL_SERVER_VERSIONS, STORAGE_AUTHS } from '../../planning';
import type { PlanningDependencies } from './plan-command';
import { currentPlanConflict, currentPlanRejection, sendCurrentDmsPlan } from './current-dms-command';
import { parsePayload } from './payloads';
import { replyOrRefuse } from './replies';

const currentPlanPayload = z.object({
  backups: z.enum(['smb', 'blob']).default('smb'),
  privateEndpoint: z.enum(['yes', 'no']).default('no'),
  sourceVersion: z.enum(SQL_SERVER_VERSIONS).optional(),
  runtimeHost: z.enum(RUNTIME_HOSTS).default('onprem'),
  storageAuth: z.enum(STORAGE_AUTHS).default('sas'),
});

/** verb plan.current-dms: "Plan for the current DMS" on the retirement notice, and the current DMS plan card's option buttons. */
export async function currentDmsPlanAction(
  context: TurnContext,
  deps: PlanningDependencies,
  data: unknown,
): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { backups, privateEndpoint, sourceVersion, runtimeHost, storageAuth } = parsePayload(
      currentPlanPayload,
      data,
    );
    const options = {
      backups,
      storagePrivateEndpoint: privateEndpoint === 'yes',
      sourceVersion,
      runtimeHost,
      storageAuth,
    };
    // the card never offers SMB for a SQL Server 2012/2014 source: such a submit was changed
    const conflict = currentPlanConflict(options);
    if (conflict) throw currentPlanRejection([conflict]);
    await sendCurrentDmsPlan(context, deps.storage, options);
  });
}
