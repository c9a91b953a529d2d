// Typed models of the templates in cards/: one entry per template file (cards/<name>.json).
import type { SqlServerVersion } from '../planning';

export interface CommandHelp {
  command: string;
  example: string;
  description: string;
}

export interface HelpCardModel {
  title: string;
  intro: string;
  commands: CommandHelp[];
  localMode: boolean;
}

export interface ErrorCardModel {
  title: string;
  message: string;
  correlationId: string;
}

export interface HintCardModel {
  text: string;
  suggestion: string;
}

/** One check of a verify result card; evidence is already cut to fit the card. */
export interface VerifyCheckLine {
  icon: string;
  id: string;
  summary: string;
  evidence: string[];
  /** '' or a line such as '… and 3 more pieces of evidence'. */
  moreEvidence: string;
  /** '' or what the deciding route does with the flow when it does not simply deliver it ("No route: ..."). */
  path: string;
  /** An az command, '' when none. */
  fix: string;
}

export interface VerifyFact {
  title: string;
  value: string;
}

/** What the "Check again" and candidate buttons send back (verb verify.again). */
export interface VerifyAgainData {
  verb: 'verify.again';
  subscriptions: string;
  mi: string;
  dms: string;
  /** true: read Azure anew even when a cached inventory is fresh. */
  fresh: boolean;
}

export interface VerifyResultCardModel {
  title: string;
  /** 'Good' when every check passes, 'Warning' for warnings or unknowns only, 'Attention' when a check fails. */
  titleColor: 'Good' | 'Warning' | 'Attention';
  summary: string;
  facts: VerifyFact[];
  topologyReason: string;
  checks: VerifyCheckLine[];
  /** '' or what was left out to keep the card small. */
  note: string;
  again: VerifyAgainData;
  diagram?: DiagramImageModel;
}

export interface VerifyCheckingCardModel {
  title: string;
  detail: string;
}

export interface VerifyCandidate {
  title: string;
  data: VerifyAgainData;
}

export interface VerifyErrorCardModel {
  title: string;
  message: string;
  /** An az command or a one-line fix, '' when none. */
  fix: string;
  candidates: VerifyCandidate[];
  correlationId: string;
}

export interface VerifyAskCardModel {
  text: string;
  mi: string;
  dms: string;
}

// Planning cards (issue 2): question, recommendation (also the rules view), rules form, export, notice.

/** One answered question as shown on the cards: who answered what. */
export interface AnswerFact {
  question: string;
  answer: string;
  by: string;
}

export interface QuestionCardModel {
  step: number;
  key: string;
  prompt: string;
  why: string;
  choices: { label: string; value: string }[];
  typedExamples: string;
  answers: AnswerFact[];
  hasAnswers: boolean;
  planVersion: number;
}

/** One NSG rule as a table row (the cells of the planning core's ruleRow). */
export interface RuleRowModel {
  priority: string;
  name: string;
  ports: string;
  protocol: string;
  source: string;
  destination: string;
  action: string;
  reason: string;
}

/** The rule parameters as form values: strings, toggles as 'yes' / 'no'. */
export interface RuleFormValues {
  dmsSubnet: string;
  sourceRanges: string;
  sqlPort: string;
  namedInstance: string;
  smb: string;
  ruleset: string;
}

export interface RecommendationCardModel {
  heading: string;
  /** false for the `rules` view: the rules without reasons, requirements and answers. */
  showTopologyDetails: boolean;
  topology: {
    id: string;
    title: string;
    useWhen: string;
    reasons: string[];
    requirements: { text: string }[];
    noRequirements: boolean;
  };
  answers: AnswerFact[];
  parameterFacts: { title: string; value: string }[];
  placeholdersUsed: boolean;
  inbound: RuleRowModel[];
  outbound: RuleRowModel[];
  // 'warning' sets a note apart (classic DMS retirement).
  notes: { text: string; style: 'default' | 'warning' }[];
  form: RuleFormValues;
  planVersion: number;
  /** The planned network drawn with the team's parameters; absent when diagrams are off or drawing failed. */
  diagram?: DiagramImageModel;
}

/** A PNG served by the bot under an unguessable, expiring URL. */
export interface DiagramImageModel {
  url: string;
  altText: string;
}

/** Today's DMS (topology shir): the runtime, what it must reach, what MI needs from the storage account. */
export interface ShirPlanCardModel {
  title: string;
  reasons: string[];
  requirements: { text: string }[];
  facts: { title: string; value: string }[];
  /** The source version question: its buttons in rows (the chosen one styled positive). */
  versionQuestion: string;
  versionRows: { buttons: { title: string; style: 'positive' | 'default'; data: ShirPlanActionData }[] }[];
  /** Why only blob backups are offered (SQL Server 2012/2014); '' otherwise. */
  blobOnlyNote: string;
  outbound: RuleRowModel[];
  notes: string[];
  /** Buttons that show the same plan with one option changed. */
  alternatives: { title: string; data: ShirPlanActionData }[];
}

export interface ShirPlanActionData {
  verb: 'plan.current';
  backups: 'smb' | 'blob';
  privateEndpoint: 'yes' | 'no';
  runtimeHost: 'onprem' | 'azure-vm';
  storageAuth: 'sas' | 'managed-identity';
  sourceVersion?: SqlServerVersion;
}

export interface RulesFormCardModel {
  title: string;
  intro: string;
  values: RuleFormValues;
  /** '' for a field without a problem. */
  errors: RuleFormValues;
  planVersion: number;
}

export interface RulesExportCardModel {
  title: string;
  instructions: string;
  text: string;
}

export interface PlanNoticeCardModel {
  title: string;
  message: string;
  problems: string[];
  hint: string;
  /** A button that shows where the plan is (the current question or the recommendation). */
  showContinue: boolean;
  continueTitle: string;
}

export interface ChecklistItemView {
  id: string;
  /** '✅' done, '⬜' open. */
  mark: string;
  text: string;
  /** '' for none. */
  detail: string;
  /** 'Ticked by Alice (2026-11-26 11:02 UTC), …'; '' when nobody ticked it. */
  tickedBy: string;
  /** 'Changed since ticked by Bob (…): not done' for ticks of the item before it changed; '' for none. */
  changedSince: string;
  actionTitle: string;
}

export interface ChecklistCardModel {
  checklistId: string;
  version: number;
  title: string;
  summary: string;
  /** '' for none: why the card was refreshed instead of changed (a stale card, an unknown item). */
  notice: string;
  items: ChecklistItemView[];
  /** Teams refreshes the card automatically for these users (at most 60). */
  userIds: string[];
  hint: string;
}

export interface ChecklistNoticeCardModel {
  title: string;
  message: string;
  /** '' for no Retry button. */
  retryChecklistId: string;
}

export interface ChecklistChannelsCardModel {
  intro: string;
  channels: { title: string; value: string }[];
  firstChoice: string;
  planVersion: number;
}

export interface CardModels {
  help: HelpCardModel;
  error: ErrorCardModel;
  hint: HintCardModel;
  'verify-result': VerifyResultCardModel;
  'verify-checking': VerifyCheckingCardModel;
  'verify-error': VerifyErrorCardModel;
  'verify-ask': VerifyAskCardModel;
  question: QuestionCardModel;
  recommendation: RecommendationCardModel;
  'shir-plan': ShirPlanCardModel;
  'rules-form': RulesFormCardModel;
  'rules-export': RulesExportCardModel;
  'plan-notice': PlanNoticeCardModel;
  checklist: ChecklistCardModel;
  'checklist-notice': ChecklistNoticeCardModel;
  'checklist-channels': ChecklistChannelsCardModel;
}
