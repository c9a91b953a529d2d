import { EMPTY_SUBSCRIPTION, armRequestCount } from '../../src/azure/arm-request-count';

const empty = EMPTY_SUBSCRIPTION;

describe('armRequestCount with the current DMS', () => {
  it('storage accounts and DNS links cost nothing while no subscription holds a sqlMigrationServices resource', () => {
    expect(armRequestCount([{ ...empty, storageAccounts: 500, privateDnsZoneLinks: 20 }])).toBe(11);
  });

  it('once one does: a GET per migration service, and list pages + a GET per account and link in every subscription', () => {
    const withDms = { ...empty, currentDmsServices: 2, storageAccounts: 150, privateDnsZoneLinks: 3 };
    const other = { ...empty, storageAccounts: 1 };
    // 11 lists each; then 2 GETs + 2 pages + 150 GETs + 1 page + 3 GETs, and 1 page + 1 GET + 1 page for the other;
    // each subscription also lists its private endpoints and role assignments (one page each)
    expect(armRequestCount([withDms, other])).toBe(11 + 11 + (2 + 2 + 150 + 1 + 3 + 2) + (1 + 1 + 1 + 2));
  });
});
