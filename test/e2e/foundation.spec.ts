import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

/** What every error answer must look like. */
function expectErrorShape(body: Record<string, unknown>, status: number, error: string): void {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode: status,
      error,
      message: expect.any(String),
      details: expect.any(Array),
      requestId: expect.stringMatching(/.{8,}/),
    }),
  );
}

describe('foundation (real app, real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2kb' });
  });
  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await request(t.http).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toBe('Thi đua API');
    expect(Object.keys(json.body.paths)).toContain('/health');
    const ui = await request(t.http).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers an unknown route with 404 in the error shape, naming the path', async () => {
    const res = await request(t.http).get('/api/khong-co').expect(404);
    expectErrorShape(res.body, 404, 'NOT_FOUND');
    expect(res.body.message).toContain('/api/khong-co');
  });

  it('answers malformed JSON with 400 and the request id of the response header', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin",')
      .expect(400);
    expectErrorShape(res.body, 400, 'BAD_REQUEST');
    expect(res.body.message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers an oversize body with 413', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'a'.repeat(5000), password: 'x' })
      .expect(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.message).toMatch(/vượt quá giới hạn/);
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a bad one', async () => {
    const kept = await request(t.http).get('/api/khong-co').set('X-Request-Id', 'proxy-1234-abcd');
    expect(kept.headers['x-request-id']).toBe('proxy-1234-abcd');
    expect(kept.body.requestId).toBe('proxy-1234-abcd');
    const replaced = await request(t.http)
      .get('/api/khong-co')
      .set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
