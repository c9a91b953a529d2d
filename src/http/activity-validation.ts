import type { Activity } from 'botbuilder';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isHttpUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value);

/** The first field (in this order) that every incoming activity must carry and this one lacks, if any. */
function firstBadField(activity: Fields): string | undefined {
  if (!isNonEmptyString(activity.type)) return 'type';
  if (!isHttpUrl(activity.serviceUrl)) return 'serviceUrl';
  for (const party of ['conversation', 'from'] as const) {
    const value = activity[party];
    if (!isObject(value)) return party;
    if (!isNonEmptyString(value.id)) return `${party}.id`;
  }
  return undefined;
}

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problem: string };

/** Checks the parsed body before the adapter or any handler sees it; the problem names the field, never its value. */
export function checkActivity(body: unknown): ActivityCheck {
  if (!isObject(body)) return { ok: false, problem: 'the body must be a JSON object (an activity)' };
  const field = firstBadField(body);
  if (field !== undefined) return { ok: false, problem: `${field} is missing or invalid` };
  return { ok: true, activity: withDates(body as unknown as Activity) };
}

/** What CloudAdapter.process would do before the turn: timestamps arrive as strings. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field] as string);
    }
  }
  return activity;
}
