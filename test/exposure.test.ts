import { exposureFor, isLoopbackUrl, isOutsideLinkLocal, rememberingDecisions } from '../src/exposure';

describe('isLoopbackUrl judges the parsed host, not the text', () => {
  it.each([
    ['http://127.0.0.1:3978/', true],
    ['http://localhost:56150/_connector', true],
    ['https://LOCALHOST/', true],
    ['http://[::1]:8080/', true],
    ['http://127.8.9.10/', true],
    ['http://2130706433/', true], // 127.0.0.1 in decimal
    ['http://0x7f.1/', true], // 127.0.0.1 in hex and short form
    ['http://[::ffff:127.0.0.1]/', true], // IPv4-mapped
    ['http://127.0.0.1.evil.com/', false],
    ['http://localhost.evil.com/', false],
    ['http://evil.localhost/', false],
    ['http://127.0.0.1@evil.com/', false], // user info before the host
    ['http://evil.com/127.0.0.1', false],
    ['http://evil.com#@127.0.0.1', false],
    ['http://169.254.169.254/metadata', false],
    ['http://[::ffff:169.254.169.254]/', false],
    ['http://2852039166/', false], // 169.254.169.254 in decimal
    ['http://0.0.0.0:3978/', false],
    ['http://[::]/', false],
    ['http://10.0.0.4/', false],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});

describe('isOutsideLinkLocal keeps replies away from cloud metadata addresses', () => {
  it.each([
    ['https://smba.trafficmanager.net/teams/', true],
    ['http://10.0.0.4:56150/', true],
    ['http://169.254.169.254/', false],
    ['http://2852039166/', false],
    ['http://[::ffff:a9fe:a9fe]/', false],
    ['http://[fe80::1]/', false],
    ['http://0.0.0.0/', false],
    ['gopher://10.0.0.4/', false],
  ])('%s → %s', (url, allowed) => {
    expect(isOutsideLinkLocal(url)).toBe(allowed);
  });
});

describe('exposureFor', () => {
  it('local mode (no BOT_ID): 127.0.0.1, loopback service URLs only, and a log line that says so', () => {
    const local = exposureFor({ authenticated: false, allowUnauthenticated: false });
    expect(local).toMatchObject({ mode: 'local', listenHost: '127.0.0.1' });
    expect(local.allowsServiceUrl('http://localhost:56150/_connector')).toBe(true);
    expect(local.allowsServiceUrl('https://smba.trafficmanager.net/teams/')).toBe(false);
    expect(local.summary).toMatch(/^LOCAL MODE: .*NOT authenticated.*127\.0\.0\.1/);
  });

  it('ALLOW_UNAUTHENTICATED: every interface, any service URL but link-local ones', () => {
    const open = exposureFor({ authenticated: false, allowUnauthenticated: true });
    expect(open).toMatchObject({ mode: 'unauthenticated', listenHost: '0.0.0.0' });
    expect(open.allowsServiceUrl('http://playground:56150/_connector')).toBe(true);
    expect(open.allowsServiceUrl('http://169.254.169.254/')).toBe(false);
    expect(open.summary).toMatch(/^UNAUTHENTICATED MODE/);
  });

  it('BOT_ID: every interface; the token names the service URL', () => {
    const authenticated = exposureFor({ authenticated: true, allowUnauthenticated: false });
    expect(authenticated).toMatchObject({ mode: 'authenticated', listenHost: '0.0.0.0' });
    expect(authenticated.allowsServiceUrl('https://smba.trafficmanager.net/teams/')).toBe(true);
  });
});

describe('rememberingDecisions', () => {
  it('decides each service URL once while it is among the last ones seen, and always as the decision does', () => {
    const asked: string[] = [];
    const allows = rememberingDecisions((url) => {
      asked.push(url);
      return isLoopbackUrl(url);
    }, 2);
    const urls = ['http://127.0.0.1/', 'http://169.254.169.254/', 'http://127.0.0.1/', 'http://localhost/'];
    expect(urls.map(allows)).toEqual([true, false, true, true]);
    expect(asked).toEqual(['http://127.0.0.1/', 'http://169.254.169.254/', 'http://localhost/']);
    // The metadata address was the least recently used of two: it is decided again, the same way.
    expect(allows('http://169.254.169.254/')).toBe(false);
    expect(asked).toHaveLength(4);
  });

  it('each mode remembers its own decision, never that of another mode', () => {
    const local = exposureFor({ authenticated: false, allowUnauthenticated: false });
    const open = exposureFor({ authenticated: false, allowUnauthenticated: true });
    const url = 'http://playground:56150/_connector';
    expect([local.allowsServiceUrl(url), open.allowsServiceUrl(url), local.allowsServiceUrl(url)]).toEqual([
      false,
      true,
      false,
    ]);
  });
});
