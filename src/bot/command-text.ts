/**
 * An anchored matcher for a command word: whole word, case-insensitive, with or without a leading '/'.
 * The bot's @mention is removed by teams-ai before routing (removeRecipientMention).
 */
export function commandPattern(word: string): RegExp {
  return new RegExp(`^\\s*\\/?${word}(?=\\s|$)`, 'i');
}

/** The text after the command word, trimmed ('plan source=onprem' → 'source=onprem'). */
export function commandArguments(text: string | undefined, word: string): string {
  return (text ?? '').replace(commandPattern(word), '').trim();
}
