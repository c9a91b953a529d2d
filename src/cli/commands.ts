import type { Command } from 'commander';
import { registerRecommend } from './recommend';
import { registerRules } from './rules';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Each CLI command lives in its own file under src/cli/ and is registered here. */
export function registerCommands(program: Command, io: CliIo, _setExitCode: (code: number) => void): void {
  // Usage errors stay on one line: commander puts its "(Did you mean ...?)" suggestion on a second one.
  program.configureOutput({ outputError: (s, write) => write(`${s.trimEnd().replace(/\s*\n\s*/g, ' ')}\n`) });

  registerRecommend(program, io);
  registerRules(program, io);
  // verify, snapshot (issue 7) register here.
}
