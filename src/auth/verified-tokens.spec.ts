import { VerifiedTokens } from './verified-tokens';

interface Claims {
  sub: string;
  exp?: number;
}

describe('VerifiedTokens', () => {
  const start = Date.UTC(2026, 11, 7, 1, 0, 0);
  let calls: string[];
  let claimsOf: Record<string, Claims | Error>;
  const verify = async (token: string): Promise<Claims> => {
    calls.push(token);
    const found = claimsOf[token];
    if (!found || found instanceof Error) throw found ?? new Error('invalid token');
    return found;
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    calls = [];
    claimsOf = {
      a: { sub: 'user-a', exp: start / 1000 + 60 },
      b: { sub: 'user-b', exp: start / 1000 + 60 },
      c: { sub: 'user-c', exp: start / 1000 + 60 },
      forever: { sub: 'no-exp' },
    };
  });
  afterEach(() => jest.useRealTimers());

  it('verifies a token once, then answers its claims from memory until it expires', async () => {
    const tokens = new VerifiedTokens<Claims>();
    expect(await tokens.verify('a', verify)).toEqual(claimsOf.a);
    expect(await tokens.verify('a', verify)).toEqual(claimsOf.a);
    jest.setSystemTime(start + 59_999);
    expect(await tokens.verify('a', verify)).toEqual(claimsOf.a);
    expect(calls).toEqual(['a']);
    // At exp itself the token is expired (jsonwebtoken's rule): verified again, and refused.
    jest.setSystemTime(start + 60_000);
    claimsOf.a = new Error('jwt expired');
    await expect(tokens.verify('a', verify)).rejects.toThrow('jwt expired');
    await expect(tokens.verify('a', verify)).rejects.toThrow('jwt expired');
    expect(calls).toEqual(['a', 'a', 'a']);
  });

  it('remembers neither a refused token nor one without an expiry', async () => {
    const tokens = new VerifiedTokens<Claims>();
    await expect(tokens.verify('forged', verify)).rejects.toThrow('invalid token');
    await expect(tokens.verify('forged', verify)).rejects.toThrow('invalid token');
    await tokens.verify('forever', verify);
    await tokens.verify('forever', verify);
    expect(calls).toEqual(['forged', 'forged', 'forever', 'forever']);
  });

  it('keeps at most its capacity, forgetting the oldest first', async () => {
    const tokens = new VerifiedTokens<Claims>(2);
    for (const token of ['a', 'b', 'c', 'b', 'c', 'a']) await tokens.verify(token, verify);
    // a was forgotten when c came, so it is verified again at the end.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
