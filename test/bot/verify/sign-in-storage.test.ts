import { signInStorage } from '../../../src/bot/verify/sign-in-storage';
import { InMemoryStorage } from '../../../src/storage';
import { SignInCrossedError } from '../../../src/bot/verify/sign-in-state';

describe('signInStorage: the Teams SSO exchange goes through once', () => {
  it("lets the first write of a new key with the exchange's id as eTag through, and refuses the others", async () => {
    const storage = signInStorage(new InMemoryStorage());
    await storage.write({ 'msteams/conv/exchange-1': { eTag: 'exchange-1' } });
    // botbuilder's de-duplication looks for "etag conflict" in the message
    await expect(storage.write({ 'msteams/conv/exchange-1': { eTag: 'exchange-1' } })).rejects.toThrow(/eTag conflict/);
  });

  it('passes every other write on: new items, overwrites and eTag-checked updates', async () => {
    const storage = signInStorage(new InMemoryStorage());
    await storage.write({ state: { value: 1 } });
    const [read] = Object.values(await storage.read(['state']));
    await storage.write({ state: { ...read, value: 2 } });
    expect((await storage.read(['state'])).state).toMatchObject({ value: 2 });
    await expect(storage.write({ state: { ...read, value: 3 } })).rejects.toThrow(/eTag conflict/);
  });
});

describe("signInStorage: a person's sign-in progress is written only over what its turn read", () => {
  const KEY = 'sign-in-progress/msteams/bot/chat-1/29%3Aalice';

  it('creates it only where there is none yet, and says the sign-ins crossed otherwise', async () => {
    const storage = signInStorage(new InMemoryStorage());
    await storage.write({ [KEY]: { step: 'first' } });
    await expect(storage.write({ [KEY]: { step: 'second' } })).rejects.toBeInstanceOf(SignInCrossedError);
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ step: 'first' });
  });

  it('updates it with the eTag it was read with, and refuses a stale one', async () => {
    const storage = signInStorage(new InMemoryStorage());
    await storage.write({ [KEY]: { step: 'first' } });
    const read = (await storage.read([KEY]))[KEY];
    await storage.write({ [KEY]: { ...read, step: 'second' } });
    await expect(storage.write({ [KEY]: { ...read, step: 'third' } })).rejects.toBeInstanceOf(SignInCrossedError);
    expect((await storage.read([KEY]))[KEY]).toMatchObject({ step: 'second' });
  });
});
