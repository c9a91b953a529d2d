/**
 * The inputs of a verification a person gives. Each surface names them its own way: the CLI by its flags
 * (`--mi`, `--source-range`, ...), the bot by its keys (`mi=`) or by the conversation's plan.
 */
export type VerifyInputField =
  | 'mi'
  | 'dms'
  | 'storage'
  | 'sourceRanges'
  | 'sqlPort'
  | 'ruleset'
  | 'plannedTopology'
  | 'runtimeSubnet'
  | 'runtimeIps'
  | 'storageAuth'
  /** What was read: the subscriptions (or the snapshot) must include more. */
  | 'scope';

/** Why a verification cannot start, with what each surface needs to word it. */
export type VerifyInputProblem =
  /** A name was given that the inventory does not hold; `missingFile` when the inventory has none of them at all. */
  | {
      kind: 'not-found';
      field: 'mi' | 'dms' | 'storage' | 'runtimeSubnet';
      what: string;
      name: string;
      candidates: string[];
      missingFile?: string;
    }
  /** A VNET/SUBNET name that several VNets of the inventory share. */
  | { kind: 'ambiguous-name'; field: 'runtimeSubnet'; what: string; name: string; candidates: string[] }
  /** Several in the inventory and none named. */
  | { kind: 'ambiguous'; field: 'mi' | 'dms'; what: string; whats: string; candidates: string[] }
  /** None in the inventory; `missingFile` names the snapshot file that holds them. */
  | { kind: 'none'; field: 'mi' | 'dms'; what: string; missingFile?: string }
  /** The DMS named is the current one (sqlMigrationServices): it has no VNet, so no VNet topology to verify. */
  | { kind: 'not-classic'; field: 'dms'; name: string }
  /** A value that is not one (`problem` says why without naming the field). */
  | {
      kind: 'invalid';
      field: 'sourceRanges' | 'sqlPort' | 'ruleset' | 'plannedTopology';
      value: string;
      problem: string;
    }
  /** The inventory does not say which subnet the MI or DMS is in (`owner` names it). */
  | { kind: 'no-subnet-id'; field: 'scope'; owner: string; id: string }
  /** The MI's or DMS's subnet is in a VNet that was not read. */
  | { kind: 'subnet-not-read'; field: 'scope'; owner: string; subnetId: string; vnetId: string };

/** The problem in words that name no surface's syntax (logs; each surface words it for its users). */
export function describeVerifyInputProblem(p: VerifyInputProblem): string {
  const among = (names: string[]) => (names.length ? ` (candidates: ${names.join(', ')})` : '');
  switch (p.kind) {
    case 'not-found':
      return `No ${p.what} named "${p.name}" in the inventory${p.candidates.length ? among(p.candidates) : p.missingFile ? ` (${p.missingFile} holds none)` : ''}`;
    case 'ambiguous-name':
      return `"${p.name}" names a ${p.what} in several VNets${among(p.candidates)}: give its id`;
    case 'ambiguous':
      return `Several ${p.whats}: name one${among(p.candidates)}`;
    case 'none':
      return `No ${p.what} found in the inventory`;
    case 'not-classic':
      return (
        `DMS "${p.name}" is the current Azure Database Migration Service (sqlMigrationServices): it has no virtual ` +
        'network, so there is no VNet topology to verify; its self-hosted integration runtime needs outbound 443 and ' +
        'reach to the source instead'
      );
    case 'invalid':
      return `${p.field}: ${p.problem}`;
    case 'no-subnet-id':
      return `${p.owner} has no subnet id in the inventory (read it with az resource show --ids ${p.id})`;
    case 'subnet-not-read':
      return `${p.owner}'s subnet ${p.subnetId} is not in the inventory: its VNet ${p.vnetId} was not read`;
  }
}

/** The inventory or the options do not let verification start (the CLI exits 2, the bot shows an error card). */
export class VerifyInputError extends Error {
  /** Names the user can choose from, when the problem is an ambiguous or unknown name. */
  readonly candidates: string[];

  constructor(readonly problem: VerifyInputProblem) {
    super(describeVerifyInputProblem(problem));
    this.name = 'VerifyInputError';
    this.candidates = 'candidates' in problem ? problem.candidates : [];
  }
}
