// The conversation's plans → the verify use case's request: the planned topology and rule parameters of the classic
// plan, and the options of the plan for the current DMS (plan dms=current). Without a plan, the defaults.
import { errorFields } from '../../logger';
import { decide, PlanningInputError, type CurrentDmsPlanOptions } from '../../planning';
import { classicOptionsOf, type VerifyRequest } from '../../use-cases/verify';
import type { ConversationScope } from '../conversation-scope';
import { loadCurrentDmsPlan } from '../planning/current-dms-plan-store';
import { DEFAULT_PLAN_PARAMETERS, loadPlan, type PlanRecord } from '../planning/plan-store';
import type { VerifyTurnDependencies } from './verify-dependencies';

/** What the conversation planned, as the verify use case takes it, and what the card says about it. */
export interface PlanForVerify {
  request: Omit<VerifyRequest, 'miName' | 'dmsName'>;
  /** Shown as the planned topology when there is none. */
  note?: string;
  /** How the plan for the current DMS shows on the card when the current DMS is verified. */
  currentDmsNote: string;
}

/** The conversation's plans give the planned topology, the rule parameters and the current DMS's options. */
export async function planForVerify(deps: VerifyTurnDependencies, scope: ConversationScope): Promise<PlanForVerify> {
  const classic = await classicPlanForVerify(deps, scope);
  let currentDms: CurrentDmsPlanOptions | undefined;
  try {
    currentDms = await loadCurrentDmsPlan(deps.storage, scope);
  } catch (e) {
    deps.logger.warn({ event: 'verify-plan-unreadable', err: errorFields(e) }, 'could not read the plan');
  }
  return {
    request: {
      classic: classic.options,
      current: {
        backups: currentDms?.backups,
        sourceVersion: currentDms?.sourceVersion,
        storageAuth: currentDms?.storageAuth,
        runtimeHost: currentDms?.runtimeHost,
      },
    },
    note: classic.note,
    currentDmsNote: currentDmsPlanNote(currentDms),
  };
}

/** How the plan for the current DMS shows on the result card. */
function currentDmsPlanNote(plan: CurrentDmsPlanOptions | undefined): string {
  if (!plan) {
    return 'the current DMS is verified as shir with backups on an SMB share (no plan dms=current in this conversation)';
  }
  const backups = plan.backups === 'blob' ? 'already in Blob Storage' : 'on an SMB share';
  const version = plan.sourceVersion ? `, SQL Server ${plan.sourceVersion}` : '';
  return `the current DMS, as planned here: backups ${backups}${version}`;
}

async function classicPlanForVerify(
  deps: VerifyTurnDependencies,
  scope: ConversationScope,
): Promise<{ options: VerifyRequest['classic']; note?: string }> {
  let plan: PlanRecord | undefined;
  try {
    plan = await loadPlan(deps.storage, scope);
  } catch (e) {
    // The network can be checked without the plan: say so on the card instead of failing.
    deps.logger.warn({ event: 'verify-plan-unreadable', err: errorFields(e) }, 'could not read the plan');
    return { options: classicOptionsOf(DEFAULT_PLAN_PARAMETERS), note: 'unknown: the plan could not be read just now' };
  }
  const options = classicOptionsOf(plan?.parameters ?? DEFAULT_PLAN_PARAMETERS);
  if (!plan) return { options, note: 'none yet: type plan to make one in this conversation' };
  try {
    return { options: { ...options, plannedTopology: decide(plan.answers).topology } };
  } catch (e) {
    if (e instanceof PlanningInputError) return { options, note: 'the plan in this conversation is not finished yet' };
    throw e;
  }
}
