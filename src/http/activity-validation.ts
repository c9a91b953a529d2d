import type { Activity } from 'botbuilder';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

/** The fields every incoming activity must carry before the adapter or any handler sees it. */
const requiredFields = z
  .object({
    type: nonEmpty,
    serviceUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
    conversation: z.object({ id: nonEmpty }).passthrough(),
    from: z.object({ id: nonEmpty }).passthrough(),
  })
  .passthrough();

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problem: string };

/** Checks the parsed body; the problem names the field (never echoes its value). */
export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: 'the body must be a JSON object (an activity)' };
  }
  const parsed = requiredFields.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'activity';
    return { ok: false, problem: `${field} is missing or invalid` };
  }
  return { ok: true, activity: withDates(body as Activity) };
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
