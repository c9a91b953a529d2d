import type { Command } from 'commander';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Each CLI command lives in its own file under src/cli/ and is registered here. */
export function registerCommands(_program: Command, _io: CliIo, _setExitCode: (code: number) => void): void {
  // recommend, rules (issue 2); verify, snapshot (issue 7) register here.
}
