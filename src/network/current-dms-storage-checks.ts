// The storage checks of the current DMS beyond the MI's network path: key access, region, the MI's managed identity
// and its role on the account. Each is one check per storage account of the migration.
import type { BackupLocation, StorageAuth } from '../planning/current-dms';
import { quoteArg as q, resourceGroupOf } from './az-fixes';
import { FixLine, changeLine } from './changes';
import { withFix } from './fix-lines';
import type { CurrentDmsCheck } from './current-dms-types';
import {
  sameId,
  type ManagedInstance,
  type RoleAssignment,
  type SqlMigrationService,
  type StorageAccount,
} from './model';

const rg = (id: string) => q(resourceGroupOf(id) ?? '<resource group>');
const subscriptionOf = (id: string) => /^\/subscriptions\/[^/]+/i.exec(id)?.[0] ?? '';

/** "Allow storage account key access": DMS's tutorial requires it; Azure Policy often turns it off. */
export function storageKeyAccessCheck(
  account: StorageAccount,
  backups: BackupLocation,
  storageAuth: StorageAuth,
): CurrentDmsCheck {
  const id = 'storage-key-access';
  const value = account.allowSharedKeyAccess;
  const evidence = [
    `storage account ${account.name}: allowSharedKeyAccess ${value === undefined ? 'not set (allowed)' : String(value)}`,
  ];
  if (value !== false) {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} allows storage account key access`,
      evidence,
    };
  }
  const fix = [
    changeLine(
      { kind: 'storage-account-update', storageAccountId: account.id, allowSharedKeyAccess: true },
      "an Azure Policy such as 'Storage accounts should prevent shared key access' may deny or revert this: ask for an exemption",
    ),
  ];
  // With blob backups read through the MI's managed identity, no key or SAS may be involved at all.
  if (backups === 'blob' && storageAuth === 'managed-identity') {
    return withFix(
      {
        id,
        status: 'warn',
        summary:
          `storage account ${account.name} has "Allow storage account key access" turned off: DMS's tutorial requires ` +
          "it; with the managed instance's managed identity reading blob backups the restore may not need it",
        evidence,
      },
      fix,
    );
  }
  return withFix(
    {
      id,
      status: 'fail',
      summary:
        `storage account ${account.name} has "Allow storage account key access" turned off: DMS's tutorial requires it ` +
        '(the backups are uploaded and read with the account key and SAS tokens), so the migration fails',
      evidence,
    },
    fix,
  );
}

const region = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** The storage account in the same region as the DMS (DMS's tutorial). */
export function sameRegionCheck(
  account: StorageAccount,
  dms: SqlMigrationService,
  mi: ManagedInstance,
): CurrentDmsCheck {
  const id = 'same-region';
  const evidence = [
    `storage account ${account.name}: ${account.location || 'region unknown'}; DMS ${dms.name}: ${dms.location || 'region unknown'}; ` +
      `managed instance ${mi.name}: ${mi.location || 'region unknown'}`,
  ];
  if (account.location === '' || dms.location === '') {
    return {
      id,
      status: 'unknown',
      summary: `the region of storage account ${account.name} or of DMS ${dms.name} is not in the inventory`,
      evidence,
      fix: `az storage account show -g ${rg(account.id)} -n ${q(account.name)} --query location`,
    };
  }
  if (region(account.location) === region(dms.location)) {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} is in the region of DMS ${dms.name} (${dms.location})`,
      evidence,
    };
  }
  return withFix(
    {
      id,
      status: 'warn',
      summary:
        `storage account ${account.name} is in ${account.location}, DMS ${dms.name} in ${dms.location}: DMS's tutorial ` +
        'asks for the storage account in the region of the DMS',
      evidence,
    },
    [
      changeLine({
        kind: 'storage-account-create',
        storageAccountId: `${account.id.slice(0, account.id.lastIndexOf('/'))}/<new account name>`,
        location: dms.location,
        sku: 'Standard_LRS',
      }),
    ],
  );
}

/** The role DMS names for the managed identity route. */
export const STORAGE_BLOB_DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

/** Built-in roles that let a principal read blobs: Storage Blob Data Reader, Contributor and Owner (role GUIDs). */
export const BLOB_READ_ROLES: Record<string, string> = {
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
};

/** Built-in control-plane roles that hold no blob data action: with only these the identity cannot read blobs. */
export const NO_BLOB_READ_ROLES: Record<string, string> = {
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
};

const roleGuid = (a: RoleAssignment) => (a.roleDefinitionId.split('/').pop() ?? '').toLowerCase();
const roleName = (a: RoleAssignment) =>
  BLOB_READ_ROLES[roleGuid(a)] ?? NO_BLOB_READ_ROLES[roleGuid(a)] ?? a.roleDefinitionName ?? roleGuid(a);

/** A scope that covers the account: the account, a parent (resource group, subscription, management group) or below. */
function scopeOf(assignment: RoleAssignment, accountId: string): 'account' | 'above' | 'below' | undefined {
  const scope = assignment.scope.replace(/\/+$/, '').toLowerCase();
  const account = accountId.toLowerCase();
  if (scope === account) return 'account';
  if (scope === '' || scope === '/') return 'above';
  if (account.startsWith(`${scope}/`) || scope.startsWith('/providers/microsoft.management/managementgroups/')) {
    return 'above';
  }
  return scope.startsWith(`${account}/`) ? 'below' : undefined;
}

/** The identity that reads the backups for the MI: its primary user-assigned identity, else its system-assigned one. */
export function migrationIdentityOf(mi: ManagedInstance): { principalId?: string; which: string } | undefined {
  const identity = mi.identity;
  if (!identity) return undefined;
  if (identity.primaryUserAssignedIdentityId) {
    const primary = identity.userAssigned.find((u) => sameId(u.id, identity.primaryUserAssignedIdentityId));
    const name = identity.primaryUserAssignedIdentityId.split('/').pop();
    return { principalId: primary?.principalId, which: `primary user-assigned identity ${name}` };
  }
  if (identity.systemPrincipalId) return { principalId: identity.systemPrincipalId, which: 'system-assigned identity' };
  return undefined;
}

/** With the MI's managed identity chosen: that identity needs Storage Blob Data Reader on the account. */
export function storageIdentityCheck(
  account: StorageAccount,
  mi: ManagedInstance,
  assignments: RoleAssignment[] | undefined,
): CurrentDmsCheck {
  const id = 'storage-identity';
  const grant = (principal: string): FixLine[] => [
    changeLine({
      kind: 'role-assignment-create',
      principalId: principal,
      roleDefinitionId: `${subscriptionOf(account.id)}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_READER}`,
      roleDefinitionName: BLOB_READ_ROLES[STORAGE_BLOB_DATA_READER],
      scope: account.id,
    }),
  ];
  const note = "DMS uses the MI's managed identity for migrations started from the Azure portal only";
  if (mi.identity === undefined) {
    return {
      id,
      status: 'unknown',
      summary: `the managed identities of managed instance ${mi.name} are not in the inventory`,
      evidence: [`managed instance ${mi.name}: identity not reported`, note],
      fix: `az sql mi show -g ${rg(mi.id)} -n ${q(mi.name)} --query "{identity: identity, primary: primaryUserAssignedIdentityId}"`,
    };
  }
  const identity = migrationIdentityOf(mi);
  if (!identity) {
    return withFix(
      {
        id,
        status: 'fail',
        summary:
          `managed instance ${mi.name} has no managed identity to read the backups with: assign one, or let DMS use a ` +
          'SAS token',
        evidence: [
          `managed instance ${mi.name}: ${mi.identity === null ? 'no identity' : 'user-assigned identities without a primary one'}`,
          note,
        ],
        input: 'storageAuth',
      },
      [changeLine({ kind: 'managed-instance-update', managedInstanceId: mi.id, assignIdentity: true })],
    );
  }
  const principal = identity.principalId;
  const who = `the ${identity.which} of managed instance ${mi.name}${principal ? ` (${principal})` : ''}`;
  if (!principal || assignments === undefined) {
    return {
      id,
      status: 'unknown',
      summary: `whether ${who} holds Storage Blob Data Reader on storage account ${account.name} is not known`,
      evidence: [
        principal
          ? 'the inventory has no role assignments (role-assignments.json)'
          : `the object id of ${identity.which} is not in the inventory`,
        note,
      ],
      fix: principal
        ? `az role assignment list --assignee ${q(principal)} --all --include-inherited -o json`
        : `az identity show --ids ${q(mi.identity?.primaryUserAssignedIdentityId ?? '')} --query principalId`,
    };
  }
  const applying = assignments
    .filter((a) => sameId(a.principalId, principal))
    .map((a) => ({ a, where: scopeOf(a, account.id) }))
    .filter((x) => x.where !== undefined);
  const reading = applying.filter((x) => BLOB_READ_ROLES[roleGuid(x.a)] !== undefined);
  const describe = (x: (typeof applying)[number]) => `${roleName(x.a)} at ${x.a.scope}`;
  const onAccount = reading.filter((x) => x.where !== 'below');
  if (onAccount.length > 0) {
    return {
      id,
      status: 'pass',
      summary: `${who} can read the blobs of storage account ${account.name} (${roleName(onAccount[0].a)})`,
      evidence: [...onAccount.map(describe), note],
    };
  }
  if (reading.length > 0) {
    return withFix(
      {
        id,
        status: 'warn',
        summary:
          `${who} can read only some containers of storage account ${account.name}: the backups must be in ` +
          reading.map((x) => x.a.scope.split('/').pop()).join(', '),
        evidence: [...reading.map(describe), note],
      },
      grant(principal),
    );
  }
  const unsure = applying.filter((x) => NO_BLOB_READ_ROLES[roleGuid(x.a)] === undefined);
  if (unsure.length > 0) {
    return withFix(
      {
        id,
        status: 'unknown',
        summary:
          `${who} holds ${unsure.map((x) => roleName(x.a)).join(', ')} on storage account ${account.name}: whether ` +
          'that role reads blobs is not known (DMS names Storage Blob Data Reader)',
        evidence: [...applying.map(describe), note],
      },
      grant(principal),
    );
  }
  return withFix(
    {
      id,
      status: 'fail',
      summary:
        `${who} has no role that reads the blobs of storage account ${account.name}: grant it Storage Blob Data Reader ` +
        'or the restore cannot read the backups',
      evidence: [
        applying.length > 0
          ? `${applying.map(describe).join('; ')}: control-plane roles, which read no blob data`
          : `no role assignment of ${principal} applies to ${account.name}`,
        note,
      ],
    },
    grant(principal),
  );
}
