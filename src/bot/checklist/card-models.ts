// Models of the checklist cards: cards/checklist.json, checklist-notice.json, checklist-channels.json.

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
