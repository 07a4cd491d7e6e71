import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { echoRequestId, requestIdOf } from './http/request-id';
import { logRequests, REDACTED_PATHS } from './logging';

function sinkLines(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

describe('request log', () => {
  it('writes one line per answered request with its id, method, url, status and time, and no headers', async () => {
    const { lines, sink } = sinkLines();
    const app = Fastify({ genReqId: requestIdOf, requestIdHeader: false });
    app.addHook('onRequest', echoRequestId);
    logRequests(app, pino(sink));
    app.get('/api/x', () => ({ ok: true }));
    const answer = await app.inject({
      url: '/api/x?page=2',
      headers: { 'x-request-id': 'proxy-id-123', authorization: 'Bearer eyJsecret' },
    });
    const missing = await app.inject({ url: '/khong-co' });
    await app.close();
    expect(answer.headers['x-request-id']).toBe('proxy-id-123');
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({
      msg: 'request completed',
      requestId: 'proxy-id-123',
      req: { method: 'GET', url: '/api/x?page=2' },
      res: { statusCode: 200 },
    });
    expect(typeof logged[0].responseTime).toBe('number');
    expect(logged[1]).toMatchObject({
      res: { statusCode: 404 },
      requestId: missing.headers['x-request-id'],
    });
    expect(lines.join('')).not.toContain('eyJsecret');
  });
});

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
