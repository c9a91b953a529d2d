import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configKeys, read, ROOT } from './project-files';

/**
 * The operator guide's troubleshooting table must cover every card title the bot can show when something is wrong.
 * Titles are found where the bot builds its notice and error cards; success notices are listed here on purpose.
 */
const NOT_PROBLEMS = new Set(['Checklist posted']);
const QUOTED = `(['"])((?:(?!\\1)[^\\\\]|\\\\.)+)\\1`;
const TITLE_SITES = [
  `noticeModel\\(\\s*${QUOTED}`,
  `checklistNoticeJson\\(\\s*${QUOTED}`,
  `sendNotice\\(\\s*context,\\s*${QUOTED}`,
  `renderCard\\(\\s*'(?:error|verify-error)',\\s*\\{\\s*title:\\s*${QUOTED}`,
  `\\bcard\\(\\s*${QUOTED}`,
].map((p) => new RegExp(p, 'g'));

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

function cardTitles(): string[] {
  const titles = new Set<string>();
  for (const file of sources(join(ROOT, 'src', 'bot'))) {
    const text = readFileSync(file, 'utf8');
    for (const site of TITLE_SITES) for (const m of text.matchAll(site)) titles.add(m[2].replace(/\\(.)/g, '$1'));
    // The titles of the Azure read errors (one per kind) are a table of their own.
    const table = /READ_ERROR_TITLES[^=]*=\s*\{([\s\S]*?)\};/.exec(text);
    if (table)
      for (const m of table[1].matchAll(new RegExp(`:\\s*${QUOTED}`, 'g'))) titles.add(m[2].replace(/\\(.)/g, '$1'));
  }
  return [...titles].filter((t) => !NOT_PROBLEMS.has(t));
}

const guide = read('docs/operator-guide.md');

describe('docs/operator-guide.md', () => {
  it('finds the card titles in the bot sources (the extraction itself works)', () => {
    const titles = cardTitles();
    expect(titles).toEqual(
      expect.arrayContaining(['Something went wrong', 'No Azure credential is configured for the bot']),
    );
    expect(titles.length).toBeGreaterThan(15);
  });

  it('its troubleshooting table names every problem card title the bot can show', () => {
    expect(cardTitles().filter((title) => !guide.includes(`**${title}**`))).toEqual([]);
  });

  it('covers the start-up failures and the settings operators set', () => {
    for (const text of [
      'configuration error:',
      'LOCAL MODE',
      'BLOB_CONNECTION_STRING is not a valid Azure Storage connection string',
    ])
      expect(guide).toContain(text);
    for (const name of ['AZURE_ALLOWED_SUBSCRIPTIONS', 'STORAGE', 'BLOB_CONTAINER', 'BOT_ID', 'BOT_TYPE'])
      expect(configKeys()).toContain(name);
    for (const name of ['AZURE_ALLOWED_SUBSCRIPTIONS', 'AZURE_CLIENT_ID', 'VERIFY_SUBSCRIPTION_IDS', 'Reader'])
      expect(guide).toContain(name);
  });

  it('explains the sign-in setup, what people see and how to switch modes, with the names the code uses', () => {
    for (const name of ['VERIFY_IDENTITY', 'VERIFY_OAUTH_CONNECTION', 'BOT_OAUTH_URL']) {
      expect(configKeys()).toContain(name);
      expect(guide).toContain(name);
    }
    for (const text of [
      'user_impersonation',
      'webApplicationInfo',
      'https://token.botframework.com/.auth/web/redirect',
    ])
      expect(guide).toContain(text);
    expect(guide).toContain('**Bot mode warning**');
    // The connection name the template creates is the one the guide names.
    expect(read('infra/azure.bicep')).toContain("var oauthConnectionName = 'azure-arm'");
    expect(guide).toContain('`azure-arm`');
  });

  it('quotes start-up messages the way the code writes them', () => {
    expect(read('src/index.ts')).toContain('configuration error: ${e.message}');
    expect(read('src/config.ts')).toContain('is invalid: expected');
    expect(read('src/exposure.ts')).toContain('LOCAL MODE: BOT_ID is not set, so requests are NOT authenticated');
    expect(read('src/storage/blob-storage.ts')).toContain('is not a valid Azure Storage connection string');
  });
});
