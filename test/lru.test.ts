import { LruMap } from '../src/lru';

describe('LruMap', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1).set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('replaces a value without growing, and forgets a deleted key', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1).set('a', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(2);
    expect(lru.delete('a')).toBe(true);
    expect(lru.get('a')).toBeUndefined();
  });
});
