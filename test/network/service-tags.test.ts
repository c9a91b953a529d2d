import { parseServiceTag } from '../../src/network/service-tags';

describe('service tag parsing', () => {
  it.each<[string, ReturnType<typeof parseServiceTag>]>([
    ['*', undefined],
    ['10.0.0.0/8', undefined],
    ['10.0.0.4', undefined],
    ['Storage', { base: 'Storage', known: true, publicService: true }],
    ['storage.WestEurope', { base: 'Storage', region: 'westeurope', known: true, publicService: true }],
    ['AzureCloud.west_europe', { base: 'AzureCloud', region: 'westeurope', known: true, publicService: true }],
    ['VIRTUALNETWORK', { base: 'VirtualNetwork', known: true, publicService: false }],
    ['Internet', { base: 'Internet', known: true, publicService: false }],
    ['SqlManagement', { base: 'SqlManagement', known: true, publicService: true }],
    ['AzureFrontDoor.Backend', { base: 'AzureFrontDoor.Backend', known: false, publicService: false }],
    ['VirtualNetwork.WestEurope', { base: 'VirtualNetwork.WestEurope', known: false, publicService: false }],
    ['SomeFutureTag', { base: 'SomeFutureTag', known: false, publicService: false }],
  ])('%s', (text, expected) => {
    expect(parseServiceTag(text)).toEqual(expected);
  });
});
