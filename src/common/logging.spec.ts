import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logging';

describe('log redaction', () => {
  it('never prints credentials from headers or bodies', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=abc' } },
      res: { headers: { 'set-cookie': 'sid=abc' } },
      body: { username: 'noivu', password: 'ThiDua@2025', refreshToken: 'r-secret' },
      dto: { currentPassword: 'old-secret', newPassword: 'new-secret', accessToken: 'a-secret' },
    });
    const out = lines.join('');
    for (const secret of [
      'eyJsecret',
      'sid=abc',
      'ThiDua@2025',
      'r-secret',
      'old-secret',
      'new-secret',
      'a-secret',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('noivu');
    expect(out).toContain('[redacted]');
  });
});
