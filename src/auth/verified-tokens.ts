/**
 * Access tokens this process has already verified, with their claims, until
 * they expire. Checking a token's signature and claims (jsonwebtoken: decode,
 * parse, HMAC, option checks) cost about 60 µs of every API call, for a token
 * a client presents hundreds of times in its lifetime. A token is remembered
 * only once verified, by its exact text, and only while `exp` is in the future
 * by the same rule jsonwebtoken applies (seconds, `now >= exp` is expired); a
 * token without `exp` is verified every time. Whether its session is still
 * live is not remembered here: every request asks SessionCache.
 *
 * At most `capacity` tokens are kept; past that the oldest is forgotten.
 */
export class VerifiedTokens<Claims extends { exp?: number }> {
  private readonly known = new Map<string, Claims>();

  constructor(private readonly capacity = 10_000) {}

  async verify(token: string, verify: (token: string) => Promise<Claims>): Promise<Claims> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const known = this.known.get(token);
    if (known && nowSeconds < known.exp!) return known;
    if (known) this.known.delete(token);
    const claims = await verify(token);
    if (typeof claims.exp === 'number' && nowSeconds < claims.exp) {
      if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!);
      this.known.set(token, claims);
    }
    return claims;
  }
}
