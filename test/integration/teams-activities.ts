import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:bot', name: 'Migration Network Advisor' };
export const TENANT = 'tenant-1';
export const TEAM = { id: '19:team@thread.tacv2', name: 'Migration Team' };
export const THREAD = `${TEAM.id};messageid=1700000000000`;

export type User = { id: string; name: string };

export function users(count: number): User[] {
  return Array.from({ length: count }, (_, i) => ({ id: `29:user-${i}`, name: `User ${i}` }));
}

/** The fields Teams sets on every activity in a team channel thread. */
function base(serviceUrl: string, from: User, conversationId = THREAD) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: TEAM, channel: { id: TEAM.id } },
  };
}

export function message(serviceUrl: string, from: User, text: string) {
  return { ...base(serviceUrl, from), type: 'message', text };
}

export function botInstalled(serviceUrl: string, from: User) {
  return { ...base(serviceUrl, from, TEAM.id), type: 'conversationUpdate', membersAdded: [BOT] };
}

export function executeAction(serviceUrl: string, from: User, replyToId: string, verb: string, data: unknown) {
  return {
    ...base(serviceUrl, from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data } },
  };
}

/** Posts an activity to a bot's /api/messages (local mode: no token) and returns the HTTP status and body. */
export async function sendToBot(port: number, activity: object): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}
