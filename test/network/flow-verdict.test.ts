import { combineRouteAndNsg } from '../../src/network/flow-verdict';
import type { CheckStatus } from '../../src/network/verify-types';

describe('a flow judged by its route and the NSGs together', () => {
  // route \ NSG: no path or a deny fails whatever the other says; an unknown stays unknown unless something fails.
  it.each<[CheckStatus, CheckStatus, CheckStatus]>([
    ['pass', 'pass', 'pass'],
    ['pass', 'warn', 'warn'],
    ['pass', 'unknown', 'unknown'],
    ['pass', 'fail', 'fail'],
    ['fail', 'pass', 'fail'],
    ['fail', 'unknown', 'fail'],
    ['unknown', 'pass', 'unknown'],
    ['unknown', 'warn', 'unknown'],
    ['unknown', 'fail', 'fail'],
    ['warn', 'pass', 'warn'],
    ['warn', 'warn', 'warn'],
    ['warn', 'unknown', 'unknown'],
    ['warn', 'fail', 'fail'],
  ])('route %s and NSG %s: %s', (route, nsg, status) => {
    expect(combineRouteAndNsg(route, nsg)).toBe(status);
  });
});
