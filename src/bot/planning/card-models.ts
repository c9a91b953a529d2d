// Models of the planning cards: question, recommendation (also the rules view), current-dms-plan, rules-form,
// rules-export and plan-notice (cards/<name>.json).
import type { SqlServerVersion } from '../../planning';
import type { DiagramImageModel } from '../card-models';

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

/** The current DMS (topology shir): the runtime, what it must reach, what MI needs from the storage account. */
export interface CurrentDmsPlanCardModel {
  title: string;
  reasons: string[];
  requirements: { text: string }[];
  facts: { title: string; value: string }[];
  /** The source version question: its buttons in rows (the chosen one styled positive). */
  versionQuestion: string;
  versionRows: { buttons: { title: string; style: 'positive' | 'default'; data: CurrentDmsPlanActionData }[] }[];
  /** Why only blob backups are offered (SQL Server 2012/2014); '' otherwise. */
  blobOnlyNote: string;
  outbound: RuleRowModel[];
  notes: string[];
  /** Buttons that show the same plan with one option changed. */
  alternatives: { title: string; data: CurrentDmsPlanActionData }[];
}

export interface CurrentDmsPlanActionData {
  verb: 'plan.current-dms';
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
