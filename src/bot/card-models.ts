// Typed models of the templates in cards/: one entry per template file (cards/<name>.json). Each feature folder keeps
// the models of its own cards (<feature>/card-models.ts); the ones every feature shows are here.
import type { ChecklistCardModel, ChecklistChannelsCardModel, ChecklistNoticeCardModel } from './checklist/card-models';
import type { HelpCardModel, HintCardModel } from './help/card-models';
import type {
  PlanNoticeCardModel,
  QuestionCardModel,
  RecommendationCardModel,
  RulesExportCardModel,
  RulesFormCardModel,
  CurrentDmsPlanCardModel,
} from './planning/card-models';
import type {
  VerifyAskCardModel,
  VerifyCheckingCardModel,
  VerifyErrorCardModel,
  VerifyResultCardModel,
  VerifyScriptCardModel,
} from './verify/card-models';

export interface ErrorCardModel {
  title: string;
  message: string;
  correlationId: string;
}

/** A PNG served by the bot under an unguessable, expiring URL. */
export interface DiagramImageModel {
  url: string;
  altText: string;
}

export interface CardModels {
  help: HelpCardModel;
  error: ErrorCardModel;
  hint: HintCardModel;
  'verify-result': VerifyResultCardModel;
  'verify-checking': VerifyCheckingCardModel;
  'verify-error': VerifyErrorCardModel;
  'verify-ask': VerifyAskCardModel;
  'verify-script': VerifyScriptCardModel;
  question: QuestionCardModel;
  recommendation: RecommendationCardModel;
  'current-dms-plan': CurrentDmsPlanCardModel;
  'rules-form': RulesFormCardModel;
  'rules-export': RulesExportCardModel;
  'plan-notice': PlanNoticeCardModel;
  checklist: ChecklistCardModel;
  'checklist-notice': ChecklistNoticeCardModel;
  'checklist-channels': ChecklistChannelsCardModel;
}
