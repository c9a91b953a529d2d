import type { Command } from 'commander';
import { registerRecommend } from './recommend';
import { registerRules } from './rules';
import { registerSnapshot } from './snapshot';
import { registerVerify } from './verify';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Each CLI command lives in its own file under src/cli/ and is registered here. */
export function registerCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  // Usage errors stay on one line: commander puts its "(Did you mean ...?)" suggestion on a second one.
  program.configureOutput({ outputError: (s, write) => write(`${s.trimEnd().replace(/\s*\n\s*/g, ' ')}\n`) });

  registerRecommend(program, io);
  registerRules(program, io);
  registerVerify(program, io, setExitCode);
  registerSnapshot(program, io, setExitCode);
}
