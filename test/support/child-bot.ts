import { freePort, startBot, type Launched } from '../../scripts/launch';

export interface ChildBot extends Launched {
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Output arrives through a pipe, independently of HTTP answers: waits until it satisfies `ready`. */
  settledOutput(ready: (output: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** The real entry point (src/index.ts) in a child process, memory storage, output captured. */
export async function startChildBot(env: Record<string, string>): Promise<ChildBot> {
  const port = await freePort();
  const launched = await startBot({ port, env: { STORAGE: 'memory', LOG_LEVEL: 'debug', ...env } });
  const url = `http://127.0.0.1:${port}`;
  return {
    ...launched,
    url,
    settledOutput: async (ready, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!ready(launched.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return launched.output();
    },
    post: async (body, headers = {}) => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    },
  };
}

/** Strings that must never reach a log: bearer tokens of any scheme spelling, and anything shaped like a JWT. */
export const TOKEN_PATTERNS = [/bearer/i, /eyJ[\w-]{5,}\.[\w-]{5,}/];
