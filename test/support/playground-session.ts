import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { freePort, ROOT, startBot, startPlayground, type Launched } from '../../scripts/launch';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'e2e');

const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * End-to-end tests need Debian's Chromium. Without it they skip with one loud line,
 * unless E2E=required (CI), where a missing browser is a failure.
 */
export function e2eAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.E2E === 'required') {
    throw new Error(`E2E=required but Chromium is not at ${CHROMIUM_PATH}: apt-get install chromium`);
  }
  process.stderr.write(`\n*** E2E TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium) ***\n\n`);
  return false;
}

export interface PlaygroundSession {
  page: Page;
  bot: Launched;
  playground: Launched;
  /** Opens a chat or channel from the left list: 'Personal Chat', 'Group Chat', 'General', 'Announcements'. */
  openConversation(name: string): Promise<void>;
  send(text: string): Promise<void>;
  /**
   * Types into a composer an @mention of the bot, then the text (channel posts reach the bot only with it), and waits
   * until the composer shows all of it: on a busy machine keys typed while the mention is inserted can be lost.
   */
  mentionBot(composer: Locator, text: string): Promise<void>;
  /** The last Adaptive Card on the page that contains the text. */
  waitForCard(text: string | RegExp, timeoutMs?: number): Promise<Locator>;
  screenshot(name: string): Promise<string>;
  /** The whole card: the window grows to the card's height for the shot (the chat pane scrolls, not the page). */
  screenshotCard(card: Locator, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startPlaygroundSession(env: Record<string, string> = {}): Promise<PlaygroundSession> {
  const botPort = await freePort();
  const bot = await startBot({ port: botPort, env: { STORAGE: 'memory', LOG_LEVEL: 'warn', ...env } });
  let playground: Launched | undefined;
  let browser: Browser | undefined;
  try {
    playground = await startPlayground({ botPort, port: await freePort() });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(`http://127.0.0.1:${playground.port}/`);
    await page.waitForSelector('[role=textbox][contenteditable=true]', { timeout: 30_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const opened = { browser, playground };
    return {
      page,
      bot,
      playground,
      async openConversation(name) {
        await page.getByText(name, { exact: true }).first().click();
      },
      async send(text) {
        const box = page.locator('[role=textbox][contenteditable=true]').last();
        await box.click();
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      },
      async mentionBot(composer, text) {
        await composer.click();
        await page.keyboard.type('@');
        await page.getByRole('menuitem', { name: 'Test Bot' }).click();
        await page.keyboard.type(` ${text}`);
        const deadline = Date.now() + 10_000;
        while (!(await composer.innerText()).replace(/\s+/g, ' ').includes(text)) {
          if (Date.now() > deadline)
            throw new Error(`the composer shows "${await composer.innerText()}", not "${text}"`);
          await page.waitForTimeout(100);
        }
      },
      async waitForCard(text, timeoutMs = 20_000) {
        const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
        try {
          await card.waitFor({ state: 'visible', timeout: timeoutMs });
        } catch (e) {
          // What the page showed instead is the first thing to look at.
          await page.screenshot({ path: join(SCREENSHOT_DIR, `failed-waiting-for-card.png`) }).catch(() => undefined);
          throw e;
        }
        return card;
      },
      async screenshot(name) {
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: false });
        return path;
      },
      async screenshotCard(card, name) {
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        const viewport = page.viewportSize() ?? { width: 1400, height: 1100 };
        const box = await card.boundingBox();
        await page.setViewportSize({
          width: viewport.width,
          height: Math.max(viewport.height, Math.ceil(box?.height ?? 0) + 400),
        });
        try {
          await card.scrollIntoViewIfNeeded();
          await card.screenshot({ path });
        } finally {
          await page.setViewportSize(viewport);
        }
        return path;
      },
      async close() {
        await opened.browser.close();
        await Promise.all([opened.playground.stop(), bot.stop()]);
      },
    };
  } catch (e) {
    await browser?.close();
    await playground?.stop();
    await bot.stop();
    throw e;
  }
}
