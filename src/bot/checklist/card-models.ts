// Models of the checklist cards: cards/checklist.json, checklist-notice.json, checklist-channels.json.

export interface ChecklistItemView {
  id: string;
  /** '✅' done, '⚠️' ticked but the last verification found it failing, '⬜' open. */
  mark: string;
  text: string;
  /** 'Why: <the requirements it meets>'; '' for none. */
  why: string;
  /** '' for none. */
  detail: string;
  /** 'Owner: Bob (assigned by Alice, …)'; '' for none. */
  owner: string;
  /** 'Ticked by Alice (2026-11-26 11:02 UTC), …'; '' when nobody ticked it (or verify found it failing). */
  tickedBy: string;
  /** 'Changed since ticked by Bob (…): not done' for ticks of the item before it changed; '' for none. */
  changedSince: string;
  /** What the last verification found: 'Confirmed in Azure at …', 'Ticked by …, but verify found: …'; '' for none. */
  verified: string;
  /** The TextBlock color of `verified`: Good, Attention, Warning or Default. */
  verifiedColor: string;
  /** The az command of an NSG rule item, shown on demand; '' for none. */
  command: string;
  /** The item's text for the owner choice: one line, short. */
  choiceTitle: string;
  actionTitle: string;
}

export interface ChecklistCardModel {
  checklistId: string;
  version: number;
  title: string;
  summary: string;
  /** '' for none: why the card was refreshed instead of changed (a stale card, an unknown item). */
  notice: string;
  /** When the last verification ran and what it could judge; '' before any. */
  verifyNote: string;
  items: ChecklistItemView[];
  firstItemId: string;
  /** The members offered as owners (title: name, value: user id), then 'No owner' (value 'none'); [] hides the form. */
  members: { title: string; value: string }[];
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
