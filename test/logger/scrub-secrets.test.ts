import { errorFields, hashId, scrubSecrets } from '../../src/logger';

describe('scrubSecrets', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature was rejected', 'eyJhbGciOiJIUzI1NiJ9'],
    ['DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;EndpointSuffix=x', 'c2VjcmV0'],
    ['https://x.blob.core.windows.net/c?sv=1&sig=SiGnAtUrE%3D', 'SiGnAtUrE'],
    ['login failed: password=hunter2', 'hunter2'],
  ])('removes the secret from %j', (text, secret) => {
    const scrubbed = scrubSecrets(text);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted]');
  });

  it('keeps ordinary messages and bounds long ones', () => {
    expect(scrubSecrets('connect ECONNREFUSED 127.0.0.1:443')).toBe('connect ECONNREFUSED 127.0.0.1:443');
    expect(scrubSecrets('x'.repeat(1000))).toHaveLength(301);
  });

  it('gives an error its type and scrubbed message, never its stack', () => {
    const fields = errorFields(new TypeError('bad Bearer abc'));
    expect(fields).toEqual({ type: 'TypeError', message: 'bad [redacted]' });
  });
});

describe('hashId', () => {
  it('is stable, short and not the id', () => {
    expect(hashId('19:abc@thread.tacv2')).toBe(hashId('19:abc@thread.tacv2'));
    expect(hashId('19:abc@thread.tacv2')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashId('a')).not.toBe(hashId('b'));
    expect(hashId(undefined)).toBeUndefined();
  });
});
