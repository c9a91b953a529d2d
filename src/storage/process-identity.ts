import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Short id of this machine, so a process id is only trusted on the host that wrote it. */
export const HOST_ID = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** Suffix `.<host>.<pid>.<random>.tmp` that marks a file as scratch owned by this process. */
export function scratchSuffix(): string {
  return `.${HOST_ID}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

const SCRATCH_PATTERN = /\.([0-9a-f]{8})\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** The writer of a scratch file name, or undefined when the name is not one of ours. */
export function scratchOwner(fileName: string): { host: string; pid: number } | undefined {
  const match = SCRATCH_PATTERN.exec(fileName);
  return match ? { host: match[1], pid: Number(match[2]) } : undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the owner is a process on this host that no longer runs. */
export function isDeadLocalProcess(owner: { host: string; pid: number }): boolean {
  return owner.host === HOST_ID && !isProcessAlive(owner.pid);
}
