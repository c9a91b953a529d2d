// Models of the help cards: cards/help.json (also the welcome) and cards/hint.json.

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

export interface HintCardModel {
  text: string;
  suggestion: string;
}
