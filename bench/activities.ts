/** Message and invoke activities as Teams would post them, addressed back to a local connector. */
export function messageActivity(options: {
  serviceUrl: string;
  text?: string;
  value?: unknown;
  conversationId?: string;
  userId?: string;
  id?: string;
}): Record<string, unknown> {
  return {
    type: 'message',
    id: options.id ?? `msg-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: options.userId ?? 'user-bench', name: 'Bench User', aadObjectId: options.userId ?? 'aad-bench' },
    recipient: { id: 'bot-id', name: 'Migration Network Advisor' },
    conversation: { id: options.conversationId ?? 'conv-bench', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...(options.text !== undefined ? { text: options.text } : {}),
    ...(options.value !== undefined ? { value: options.value } : {}),
  };
}

export function invokeActivity(options: {
  serviceUrl: string;
  name: unknown;
  value: unknown;
  conversationId?: string;
}): Record<string, unknown> {
  return { ...messageActivity(options), type: 'invoke', name: options.name, text: undefined };
}
