// Verify results and failures → the typed models of cards/verify-*.json, kept under the Teams message size.
import type { Attachment } from 'botbuilder';
import { AzureReadError, type AzureReadErrorKind } from '../../azure/errors';
import { SubscriptionIdError } from '../../azure/subscriptions';
import {
  VerifyInputError,
  type Check,
  type CheckRoute,
  type CheckStatus,
  type MissingPathKind,
  type VerifyResult,
} from '../../network/verifier';
import type { CurrentDmsCheck, CurrentDmsVerifyResult } from '../../network/current-dms-types';
import { remainingName, type RemainingCheck } from '../../network/proven-fixes';
import { CURRENT_DMS_TITLE, TOPOLOGIES, type ShirTopologyId, type TopologyId } from '../../planning';
import type { DiagramImageModel } from '../card-models';
import type {
  VerifyAfterFixesModel,
  VerifyAgainData,
  VerifyCheckLine,
  VerifyErrorCardModel,
  VerifyResultCardModel,
} from './card-models';
import { describeTally, tally } from '../../use-cases/verify';
import { renderCard, renderCardJson } from '../cards';
import { candidateKey, VERIFY_INPUT_HELP, verifyInputMessage } from './input-wording';
import { literal, oneLine } from '../literal-text';

/** Room left for the activity around the card: Teams limits the whole message to about 28 KB. */
export const MAX_RESULT_CARD_BYTES = 26 * 1024;

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✅', fail: '❌', warn: '⚠️', unknown: '❔' };

/** What the user asked for, carried on the buttons so "Check again" repeats it. */
export interface VerifyTarget {
  subscriptionIds: string[];
  mi?: string;
  dms?: string;
}

export function againData(target: VerifyTarget, fresh: boolean, change: Partial<VerifyTarget> = {}): VerifyAgainData {
  const t = { ...target, ...change };
  return { verb: 'verify.again', subscriptions: t.subscriptionIds.join(','), mi: t.mi ?? '', dms: t.dms ?? '', fresh };
}

export function describeSubscriptions(ids: readonly string[]): string {
  return `${ids.length === 1 ? 'subscription' : 'subscriptions'} ${ids.join(', ')}`;
}

/** A classic verification, or one of the current DMS (topology shir): both show on the same card. */
export type AnyVerifyResult = VerifyResult | CurrentDmsVerifyResult;
type AnyCheck = Check | CurrentDmsCheck;

function topologyLabel(id: TopologyId | ShirTopologyId | null): string {
  if (id === 'shir') return `${CURRENT_DMS_TITLE} (shir)`;
  return id ? `${TOPOLOGIES[id].title} (${id})` : 'not recognised';
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** How much detail fits: tried in order until the card is small enough. */
const DETAIL_LEVELS = [
  { evidence: 5, chars: 400, passDetails: true },
  { evidence: 3, chars: 300, passDetails: true },
  { evidence: 2, chars: 200, passDetails: true },
  { evidence: 1, chars: 160, passDetails: true },
  { evidence: 1, chars: 160, passDetails: false },
  { evidence: 0, chars: 120, passDetails: false },
];

const MISSING_PATH_WORDS: Record<MissingPathKind, string> = {
  'route-table-drops': 'a route table drops it',
  'no-gateway-for-route': 'a route sends it to a gateway the VNet does not have',
  'not-peered': 'the VNets are not peered',
  'peering-not-connected': 'the peering is not Connected both ways',
  'peering-not-transitive': 'peering is not transitive',
  'overlapping-address-spaces': 'the address spaces overlap, so the VNets cannot be peered',
  'no-onprem-connection': 'no VPN or ExpressRoute connection',
  'no-site-to-site-connection': 'the VPN gateway has no site-to-site connection',
  'point-to-site-only': 'point-to-site only',
  'expressroute-without-connection': 'ExpressRoute gateway without a connection',
  'gateway-transit-off': 'gateway transit is off',
  'gateway-routes-not-propagated': "the route table keeps the gateway's routes off the subnet",
  'prefix-not-in-local-gateway': 'the local network gateway does not list the source',
};

/** One line on the path when the deciding route does not simply deliver the flow: '' otherwise. */
export function pathLine(route: CheckRoute | undefined): string {
  if (!route || route.status === 'pass') return '';
  const source =
    route.origin === 'User'
      ? `route table ${route.routeTable?.name ?? '?'}`
      : route.origin === 'VirtualNetworkGateway'
        ? 'gateway route'
        : 'system route';
  const hop = route.addressPrefix
    ? `${route.addressPrefix} → ${route.nextHopType}${route.nextHopIpAddress ? ` ${route.nextHopIpAddress}` : ''} (${source})`
    : '';
  const why = route.missingPath ? `: ${MISSING_PATH_WORDS[route.missingPath.kind]}` : '';
  switch (route.status) {
    case 'fail':
      return `🚫 No route: ${hop}${why}`;
    case 'unknown':
      return `❔ Route not visible in Azure Resource Manager${hop ? ` (listed: ${hop})` : ''}: learned routes may decide`;
    default:
      return `↪ Path: ${hop}${why || `: the ${route.outcome === 'internet' ? 'Internet' : route.outcome === 'gateway' ? 'gateway' : 'appliance'} decides beyond`}`;
  }
}

function checkLine(check: AnyCheck, level: (typeof DETAIL_LEVELS)[number]): VerifyCheckLine {
  const detailed = check.status !== 'pass';
  const shown = detailed ? check.evidence.slice(0, level.evidence) : [];
  const hidden = detailed ? check.evidence.length - shown.length : 0;
  return {
    icon: STATUS_ICON[check.status],
    id: check.id,
    summary: cut(check.summary, detailed || level.passDetails ? level.chars : 80),
    evidence: shown.map((e) => cut(e, level.chars)),
    moreEvidence: hidden > 0 ? `… and ${hidden} more (the CLI's verify --json shows all)` : '',
    path: detailed && 'route' in check ? cut(pathLine(check.route), level.chars) : '',
    give: detailed && check.input ? (VERIFY_INPUT_HELP[check.input] ?? '') : '',
    fix: detailed && check.fix ? cut(check.fix, Math.max(level.chars, 400)) : '',
  };
}

export interface ResultContext {
  target: VerifyTarget;
  /** Why there is or is not a planned topology, when the conversation has no usable plan. */
  planNote?: string;
  /** When the inventory was read (epoch ms) and whether it came from the cache. */
  readAt: number;
  cached: boolean;
  now: number;
  /** The verified network drawn with each failing link or rule in red. */
  diagram?: DiagramImageModel;
  /** The id under which this verification's fixes script is kept (fixes-script-store.ts): the card offers it. */
  scriptVerification?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "After the fixes: ..." and what remains, or undefined when every check passed to begin with. */
export function afterFixesModel(result: AnyVerifyResult, chars: number): VerifyAfterFixesModel | undefined {
  const outcome = result.afterFixes;
  if (!outcome || result.checks.every((c) => c.status === 'pass')) return undefined;
  const commands = outcome.changes.length;
  const failing = outcome.remaining.filter((r) => r.status === 'fail').length;
  const others = outcome.remaining.length - failing;
  const ran = commands ? ` (${plural(commands, 'command', 'commands')})` : '';
  const headline =
    commands === 0
      ? 'After the fixes: no command here changes these checks (see why)'
      : outcome.result === 'all-pass'
        ? `After the fixes${ran}: all pass`
        : outcome.result === 'warnings'
          ? `After the fixes${ran}: nothing fails; ${plural(others, 'check still warns or is unknown', 'checks still warn or are unknown')}`
          : `After the fixes${ran}: ${plural(failing, 'check still fails', 'checks still fail')}${others ? `, ${others} warn or unknown` : ''}`;
  return {
    headline,
    color: outcome.result === 'all-pass' ? 'Good' : outcome.result === 'warnings' ? 'Warning' : 'Attention',
    remaining: outcome.remaining.map(
      (r) => `${STATUS_ICON[r.status]} ${remainingName(r)}: ${cut(remainingWhy(r), chars)}`,
    ),
  };
}

/** Why a check remains, in the bot's words: an input it lacks as a person gives it in Teams. */
export function remainingWhy(r: RemainingCheck): string {
  const help = r.reason === 'needs-input' && r.input && VERIFY_INPUT_HELP[r.input];
  return help ? `not decided without an input that was not given. ${help}` : r.why;
}

export function resultCardModel(result: AnyVerifyResult, ctx: ResultContext): VerifyResultCardModel {
  const counts = tally(result.checks);
  const { fail: fails, warn: warns, unknown: unknowns } = counts;
  const ageMinutes = Math.floor((ctx.now - ctx.readAt) / 60_000);
  const read = ctx.cached
    ? `${ageMinutes < 1 ? 'less than a minute' : `${ageMinutes} min`} ago (cached; Check again reads Azure anew)`
    : 'just now';
  const base: Omit<VerifyResultCardModel, 'checks' | 'note'> = {
    title:
      fails + warns + unknowns === 0
        ? 'Verification: nothing blocks the migration'
        : `Verification: ${[
            fails ? `${fails} fail` : '',
            warns ? `${warns} warn` : '',
            unknowns ? `${unknowns} unknown` : '',
          ]
            .filter(Boolean)
            .join(', ')}`,
    titleColor: fails > 0 ? 'Attention' : warns + unknowns > 0 ? 'Warning' : 'Good',
    summary: describeTally(counts),
    facts: [
      { title: 'Detected topology', value: topologyLabel(result.topology) },
      {
        title: 'Planned topology',
        value: result.plannedTopology ? topologyLabel(result.plannedTopology) : (ctx.planNote ?? 'no plan'),
      },
      // Facts are Markdown; a DMS name may hold underscores.
      { title: 'Managed instance', value: literal(result.managedInstance.name, MAX_RESOURCE_NAME_CHARS) },
      { title: 'Database Migration Service', value: literal(result.dms.name, MAX_RESOURCE_NAME_CHARS) },
      { title: 'Subscriptions', value: ctx.target.subscriptionIds.join(', ') },
      { title: 'Read', value: read },
    ],
    topologyReason: result.topologyReason,
    again: againData(ctx.target, true),
    ...(ctx.diagram ? { diagram: ctx.diagram } : {}),
    ...(ctx.scriptVerification ? { script: { verb: 'verify.script', verification: ctx.scriptVerification } } : {}),
  };
  const withAfterFixes = (chars: number, maxLines = Infinity) => {
    const afterFixes = afterFixesModel(result, chars);
    if (!afterFixes) return {};
    const { remaining } = afterFixes;
    if (remaining.length <= maxLines) return { afterFixes };
    const more = `… and ${remaining.length - maxLines} more (verify --json shows them all)`;
    return { afterFixes: { ...afterFixes, remaining: [...remaining.slice(0, maxLines), more] } };
  };
  for (const level of DETAIL_LEVELS) {
    const model = {
      ...base,
      ...withAfterFixes(level.chars),
      checks: result.checks.map((c) => checkLine(c, level)),
      note: '',
    };
    if (level !== DETAIL_LEVELS[0]) {
      model.note = 'Some evidence was shortened to keep this message small; the CLI (verify --json) shows all of it.';
    }
    if (Buffer.byteLength(JSON.stringify(renderCardJson('verify-result', model))) <= MAX_RESULT_CARD_BYTES)
      return model;
  }
  // Only a pathological result gets here: keep the problems, count the passes.
  const last = DETAIL_LEVELS[DETAIL_LEVELS.length - 1];
  const problems = result.checks.filter((c) => c.status !== 'pass');
  return {
    ...base,
    ...withAfterFixes(last.chars, LAST_RESORT_LINES),
    checks: problems.slice(0, LAST_RESORT_LINES).map((c) => checkLine(c, last)),
    note: `Only the first ${Math.min(LAST_RESORT_LINES, problems.length)} problems are shown, without evidence; ${counts.pass} checks pass. The CLI (verify --json) shows everything.`,
  };
}

/** How many problems, and lines of what remains after the fixes, a result too large for a Teams message keeps. */
const LAST_RESORT_LINES = 20;

export function resultCard(result: AnyVerifyResult, ctx: ResultContext): Attachment {
  return renderCard('verify-result', resultCardModel(result, ctx));
}

const MAX_RESOURCE_NAME_CHARS = 100;
const MAX_ERROR_MESSAGE_CHARS = 1500;

const READ_ERROR_TITLES: Record<AzureReadErrorKind, string> = {
  'no-credential': 'No Azure credential is configured for the bot',
  unauthorized: "Azure refused the bot's credential (401)",
  forbidden: 'The bot may not read this network (403 AuthorizationFailed)',
  'not-found': 'Subscription not found (404)',
  throttled: 'Azure is throttling the bot (429)',
  timeout: 'Reading Azure took too long',
  network: 'Azure Resource Manager could not be reached',
  'identity-unreachable': 'Microsoft Entra ID could not be reached',
};

/** A failure as an error card model, or undefined for an unexpected error (the caller logs it and says so). */
export function errorCardModel(
  error: unknown,
  target: VerifyTarget | undefined,
  correlationId: string,
): VerifyErrorCardModel | undefined {
  // The messages quote the subscriptions and names that were typed; they are plain text runs, bounded here.
  const card = (title: string, message: string, fix = ''): VerifyErrorCardModel => ({
    title,
    message: oneLine(message, MAX_ERROR_MESSAGE_CHARS),
    fix: oneLine(fix, MAX_ERROR_MESSAGE_CHARS),
    candidates: [],
    correlationId,
  });
  if (error instanceof SubscriptionIdError) {
    return card('Cannot verify these subscriptions', `${error.message}.`, 'verify <subscription-id> [...]');
  }
  if (error instanceof AzureReadError) {
    const operator = error.kind === 'no-credential' ? "The bot's operator must fix this: " : '';
    return card(READ_ERROR_TITLES[error.kind], `${operator}${error.message}`, error.fix);
  }
  if (error instanceof VerifyInputError) {
    const model = card('Verification cannot start', verifyInputMessage(error.problem));
    const key = candidateKey(error.problem);
    if (target && key) {
      model.candidates = error.candidates.slice(0, 10).map((name) => ({
        title: `Verify with ${key}=${name}`,
        data: againData(target, false, { [key]: name }),
      }));
    }
    return model;
  }
  return undefined;
}
