import type { Activity } from 'botbuilder';
import { scriptCardModels } from '../../../src/bot/verify/fixes-script-action';
import type { StoredFixesScript } from '../../../src/bot/verify/fixes-script-store';
import { afterFixesModel, MAX_RESULT_CARD_BYTES, type AnyVerifyResult } from '../../../src/bot/verify/verify-cards';
import type { FixesOutcome, ProvenChange, RemainingCheck } from '../../../src/network/proven-fixes';
import { cardBytes, renderCardJson } from '../../../src/bot/cards';
import { firstCard } from '../../support/bot-harness';
import { cardText } from '../../support/card-walker';
import { DEFAULT_PLAN_PARAMETERS } from '../../../src/bot/planning/plan-store';
import { classicOptionsOf, verifyInventory } from '../../../src/use-cases/verify';
import { snapshot, SUB, verifyConversation } from './verify-fixtures';

// The result card says what remains after the fixes and offers their script; "Get the fixes script" (verb
// verify.script) sends the script of the conversation's last verification, judged from the conversation it arrives in.

interface Card {
  body: unknown[];
  actions: { title: string; data: Record<string, unknown> }[];
}

async function verified(fixture: string) {
  const v = verifyConversation(() => snapshot(fixture));
  await v.conversation.send(`verify ${SUB}`);
  await v.settle();
  const card = v.updates[v.updates.length - 1].attachments![0].content as Card;
  return { v, card, text: cardText(card) };
}

const scriptButton = (card: Card) => card.actions.find((a) => a.title === 'Get the fixes script');

/** The lines of every verify-script card in the replies, in order. */
function scriptLines(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((r) =>
    (r.attachments ?? []).flatMap((a) => {
      const body = (a.content as { body: { type: string; items?: { inlines: { text: string }[] }[] }[] }).body;
      const container = body.find((b) => b.type === 'Container');
      return container?.items?.map((i) => i.inlines[0].text) ?? [];
    }),
  );
}

describe('the result card says what the fixes leave', () => {
  it('a blocked network the commands fix: "After the fixes (6 commands): all pass", and the script button', async () => {
    const { card, text } = await verified('hybrid-blocked');
    expect(text).toContain('After the fixes (6 commands): all pass');
    expect(card.actions.map((a) => a.title)).toEqual(['Check again', 'Get the fixes script']);
    // the button names nothing but the verification: no subscription, conversation or tenant
    expect(Object.keys(scriptButton(card)!.data).sort()).toEqual(['verb', 'verification']);
    expect(scriptButton(card)!.data).toMatchObject({ verb: 'verify.script', verification: /^[A-Za-z0-9_-]{22}$/ });
  });

  it('what still fails after the commands is named with why (the current DMS)', async () => {
    const { text } = await verified('shir-blocked');
    expect(text).toMatch(/After the fixes \(6 commands\): 1 check still fails, 3 warn or unknown/);
    expect(text).toContain('❌ integration-runtime-state: no change to the network makes it pass');
  });

  it.each<[string, string, string[]]>([
    [
      'no source range: nsg-sql-source says how to give it in Teams',
      'onprem-p2s-only',
      [
        "❔ nsg-sql-source: not decided without an input that was not given. Give the plan's source ranges (rules source-range=CIDR), then select Check again.",
      ],
    ],
    [
      'the current DMS: each shir-upload-path line names its storage account',
      'shir-blocked',
      [
        '❌ integration-runtime-state: no change to the network makes it pass',
        "❔ shir-upload-path (storage account stbackupsfw): not decided without an input that was not given. The public IP the runtime leaves from is not asked in Teams: the CLI's verify --runtime-ip checks it.",
        '⚠️ shir-upload-path (storage account stbackupspe): no change to the network makes it pass',
        '⚠️ shir-upload-path (storage account stbackupspending): no change to the network makes it pass',
      ],
    ],
  ])('what remains: %s', async (_name, fixture, starts) => {
    const { text } = await verified(fixture);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('After the fixes'));
    const remaining = lines.slice(at + 1, at + 1 + starts.length).map((l) => l.trimStart());
    expect(remaining.map((l, i) => l.slice(0, starts[i].length))).toEqual(starts);
    // one line per remaining check, no more
    expect(lines[at + 1 + starts.length].trimStart()).not.toMatch(/^(❌|⚠️|❔) /);
  });

  it('the script sent in Teams words what remains the same way', async () => {
    const { v, card } = await verified('shir-blocked');
    const lines = scriptLines(await v.conversation.submit(scriptButton(card)!.data));
    expect(lines).toContain(
      "# shir-upload-path (storage account stbackupsfw) (unknown): not decided without an input that was not given. The public IP the runtime leaves from is not asked in Teams: the CLI's verify --runtime-ip checks it.",
    );
  });

  it('a network where every check passes: no after-the-fixes line, no script button', async () => {
    const { card, text } = await verified('hybrid');
    expect(text).not.toContain('After the fixes');
    expect(card.actions.map((a) => a.title)).toEqual(['Check again']);
  });

  it('storage down: the result still comes, without the script button', async () => {
    const v = verifyConversation(() => snapshot('hybrid-blocked'));
    jest.spyOn(v.conversation.deps.storage, 'write').mockRejectedValue(new Error('storage unavailable'));
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    const card = v.updates[0].attachments![0].content as Card;
    expect(cardText(card)).toContain('After the fixes (6 commands): all pass');
    expect(scriptButton(card)).toBeUndefined();
  });
});

describe('"Get the fixes script" (verb verify.script)', () => {
  it('sends the script: the commands of the card’s fixes, in order, under a comment per check', async () => {
    const { v, card, text } = await verified('hybrid-blocked');
    const replies = await v.conversation.submit(scriptButton(card)!.data);
    expect(replies).toHaveLength(1);
    const scriptCard = firstCard(replies);
    expect(cardText(scriptCard)).toContain('Fixes script for managed instance sqlmi-hybrid and DMS dms-hybrid');
    expect(cardText(scriptCard)).toContain('after these 6 commands every check passes');
    const lines = scriptLines(replies);
    expect(lines.slice(0, 1)).toEqual(['#!/usr/bin/env bash']);
    expect(lines).toContain('set -euo pipefail');
    const commands = lines.filter((l) => l.startsWith('az '));
    // the commands the verification proved (with the conversation's plan: none here), each once, in order
    const proved = verifyInventory(await snapshot('hybrid-blocked'), {
      classic: classicOptionsOf(DEFAULT_PLAN_PARAMETERS),
      current: {},
    }).result.afterFixes!.changes.map((c) => c.command);
    expect(commands).toEqual(proved);
    expect(commands).toHaveLength(6);
    // each under its "# i/6 for <check>" comment, the checks those of the card
    for (const [i, command] of commands.entries()) {
      // the card cuts a long fix (at 400 characters): the start of each command is on it
      expect(text).toContain(command.slice(0, 30));
      expect(lines[lines.indexOf(command) - 1]).toMatch(new RegExp(`^# ${i + 1}/6 for [a-z0-9-]+`));
    }
  });

  it('a card of an earlier verification gets no script: only the last one’s is kept', async () => {
    const { v, card } = await verified('hybrid-blocked');
    await v.conversation.send(`verify ${SUB}`); // from the cache: a new verification, a new script
    await v.settle();
    const replies = await v.conversation.submit(scriptButton(card)!.data);
    expect(cardText(firstCard(replies))).toContain('This fixes script is not kept here');
    expect(scriptLines(replies)).toEqual([]);
  });

  it('the same button pressed in another conversation, or another tenant, sends nothing of this one', async () => {
    const { v, card } = await verified('hybrid-blocked');
    const data = scriptButton(card)!.data;
    const press = (conversation: Record<string, unknown>) =>
      v.conversation.process({ type: 'message', value: data, from: { id: 'u2', name: 'Eve' }, conversation } as never);
    const elsewhere = await press({ id: 'conv-other', conversationType: 'personal' });
    expect(cardText(firstCard(elsewhere))).toContain('This fixes script is not kept here');
    const otherTenant = await press({ id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-other' });
    expect(cardText(firstCard(otherTenant))).toContain('This fixes script is not kept here');
    for (const replies of [elsewhere, otherTenant]) expect(scriptLines(replies)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no id', { verb: 'verify.script' }],
    ['a malformed id', { verb: 'verify.script', verification: '../plan/conv-1' }],
    ['data naming another conversation', { verb: 'verify.script', verification: 'a'.repeat(22), conversationId: 'x' }],
  ])('%s: refused, saying so, nothing sent', async (_name, data) => {
    const { v, card } = await verified('hybrid-blocked');
    const own = { ...data, ...(data.verification === 'a'.repeat(22) ? scriptButton(card)!.data : {}) };
    const replies = await v.conversation.submit(own);
    expect(cardText(firstCard(replies))).toContain('Cannot send the fixes script');
    expect(scriptLines(replies)).toEqual([]);
  });
});

describe('a long script', () => {
  it('comes in parts, each under the Teams message size, that join into the script', () => {
    const script = `${Array.from({ length: 1500 }, (_, i) => `az network nsg rule create -n rule-${i} --priority ${100 + i}`).join('\n')}\n`;
    const stored: StoredFixesScript = {
      verification: 'v'.repeat(22),
      tenantId: '',
      managedInstance: 'sqlmi',
      dms: 'dms',
      summary: 'after these 1500 commands every check passes',
      script,
      storedAt: 0,
    };
    const parts = scriptCardModels(stored);
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(cardBytes(renderCardJson('verify-script', part))).toBeLessThanOrEqual(MAX_RESULT_CARD_BYTES);
      expect(part.title).toBe(`Fixes script for managed instance sqlmi and DMS dms (part ${i + 1} of ${parts.length})`);
    }
    expect(`${parts.flatMap((p) => p.lines).join('\n')}\n`).toBe(script);
    const short = scriptCardModels({ ...stored, script: 'az x\n' });
    expect(short).toEqual([expect.objectContaining({ lines: ['az x'], title: expect.not.stringContaining('part') })]);
  });
});

describe('the after-the-fixes headline', () => {
  const remaining = (status: 'fail' | 'warn' | 'unknown', id: string) => ({
    id,
    status,
    summary: '',
    reason: 'no-command' as const,
    why: `why ${id}`,
  });
  const result = (outcome: Partial<FixesOutcome>, statuses: string[] = ['fail']) =>
    ({
      checks: statuses.map((status, i) => ({ id: `c${i}`, status })),
      afterFixes: { result: 'failures', summary: '', changes: [], remaining: [], worse: [], ...outcome },
    }) as unknown as AnyVerifyResult;
  const change = { change: { kind: 'route-delete' }, command: 'az x', checks: ['c0'] } as unknown as ProvenChange;

  it.each<[string, AnyVerifyResult, string | undefined, string[]]>([
    ['every check passed before', result({ result: 'all-pass' }, ['pass', 'pass']), undefined, []],
    [
      'one command, all pass',
      result({ result: 'all-pass', changes: [change] }),
      'After the fixes (1 command): all pass',
      [],
    ],
    [
      'warnings remain',
      result({ result: 'warnings', changes: [change, change], remaining: [remaining('unknown', 'a')] }),
      'After the fixes (2 commands): nothing fails; 1 check still warns or is unknown',
      ['❔ a: why a'],
    ],
    [
      'failures remain',
      result({
        changes: [change],
        remaining: [remaining('fail', 'a'), remaining('fail', 'b'), remaining('warn', 'c')],
      }),
      'After the fixes (1 command): 2 checks still fail, 1 warn or unknown',
      ['❌ a: why a', '❌ b: why b', '⚠️ c: why c'],
    ],
    [
      'no command can help',
      result({ remaining: [remaining('fail', 'a')] }),
      'After the fixes: no command here changes these checks (see why)',
      ['❌ a: why a'],
    ],
  ])('%s', (_name, r, headline, lines) => {
    const model = afterFixesModel(r, 200);
    expect(model?.headline).toBe(headline);
    expect(model?.remaining ?? []).toEqual(lines);
  });

  it.each<[string, Partial<RemainingCheck>, string]>([
    [
      'an input not given, by the words Teams uses for it',
      { reason: 'needs-input', input: 'sourceRanges' },
      "❔ a: not decided without an input that was not given. Give the plan's source ranges (rules source-range=CIDR), then select Check again.",
    ],
    [
      'a storage account to tag',
      { reason: 'needs-input', input: 'storage' },
      '❔ a: not decided without an input that was not given. Tag the storage account that holds the backups dms-backups: verify checks the tagged accounts.',
    ],
    ['an input Teams has no words for: the core’s', { reason: 'needs-input', input: 'sqlPort' }, '❔ a: why a'],
    ['another reason: the core’s why', { reason: 'not-in-inventory' }, '❔ a: why a'],
    [
      'a check run per storage account, with the account',
      { storageAccount: 'stbackups' },
      '❔ a (storage account stbackups): why a',
    ],
  ])('a remaining line: %s', (_name, extra, line) => {
    const model = afterFixesModel(result({ remaining: [{ ...remaining('unknown', 'a'), ...extra }] }), 400);
    expect(model!.remaining).toEqual([line]);
  });

  it('cuts each reason to the detail level', () => {
    const model = afterFixesModel(result({ remaining: [{ ...remaining('fail', 'a'), why: 'x'.repeat(500) }] }), 120);
    expect(model!.remaining[0]).toBe(`❌ a: ${'x'.repeat(119)}…`);
  });
});
