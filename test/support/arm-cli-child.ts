import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = path.join(__dirname, '..', '..');

/**
 * Runs the CLI in a child process (NODE_EXTRA_CA_CERTS is only read when a process starts). Azure and
 * allow-list variables of this process are not inherited: only `env` decides them.
 */
export function runCliChild(args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return runTsChild('src/cli.ts', args, env);
}

/** This process's environment without its Azure and allow-list variables, plus `env`. */
export function cliChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(AZURE_|ARM_|NODE_EXTRA_CA_CERTS|MSI_|IDENTITY_)/.test(k)),
  );
  return { ...inherited, ...env };
}

/** Runs a TypeScript file of the project (path relative to the project root) in a child process. */
export function runTsChild(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
      cwd: ROOT,
      env: cliChildEnv({ TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
