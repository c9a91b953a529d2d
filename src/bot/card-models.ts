// Typed models of the templates in cards/: one entry per template file (cards/<name>.json).

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

export interface CardModels {
  help: HelpCardModel;
  error: ErrorCardModel;
  hint: HintCardModel;
}
