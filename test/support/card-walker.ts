// The one walker over Adaptive Card JSON for tests: every element, action and fact, wherever it sits (containers,
// columns, tables, ShowCard forms), in document order. The questions tests ask are built on it.

export type CardNode = Record<string, unknown>;

/** Every object in the card, the card first, depth first in document order. */
export function cardNodes(card: unknown): CardNode[] {
  const found: CardNode[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      found.push(node as CardNode);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every action (Action.Submit, Action.Execute, Action.ShowCard, ...), or those of one type. */
export function cardActions(card: unknown, type?: string): CardNode[] {
  return cardNodes(card).filter((n) =>
    type === undefined ? typeof n.type === 'string' && n.type.startsWith('Action.') : n.type === type,
  );
}

/** Every Action.Submit with its title and data, ShowCard forms included. */
export function submitActions(card: unknown): { title: string; data: Record<string, unknown> }[] {
  return cardActions(card, 'Action.Submit').map((a) => ({
    title: String(a.title),
    data: a.data as Record<string, unknown>,
  }));
}

/** The data of the Action.Submit titled `title`; throws naming the buttons there are when none is. */
export function actionData(card: unknown, title: string): Record<string, unknown> {
  const action = submitActions(card).find((a) => a.title === title);
  if (!action) {
    const titles = submitActions(card).map((a) => a.title);
    throw new Error(`no button "${title}" on the card; buttons: ${titles.join(', ')}`);
  }
  return action.data;
}

/** The data of every checklist Tick button (Action.Execute checklist.tick), in item order. */
export function tickActions(card: unknown): CardNode[] {
  return cardActions(card, 'Action.Execute')
    .filter((a) => a.verb === 'checklist.tick')
    .map((a) => a.data as CardNode);
}

/** Every Image element. */
export function cardImages(card: unknown): { url: string; altText: string }[] {
  return cardNodes(card)
    .filter((n) => n.type === 'Image')
    .map((n) => ({ url: String(n.url), altText: String(n.altText) }));
}

/** The strings a card renders as Markdown: TextBlock text, FactSet titles and values. */
export function markdownTexts(card: unknown): string[] {
  return cardNodes(card).flatMap((n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') return [n.text];
    if (n.type === 'FactSet')
      return (n.facts as CardNode[]).flatMap((f) => [String(f.title ?? ''), String(f.value ?? '')]);
    return [];
  });
}

/** All the text of a card (TextBlocks, facts, table cells, action titles, input values), one per line. */
export function cardText(card: unknown): string {
  return cardNodes(card)
    .flatMap((n) =>
      (['text', 'title', 'value'] as const).filter((key) => typeof n[key] === 'string').map((key) => n[key] as string),
    )
    .join('\n');
}
