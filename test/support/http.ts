import request from 'supertest';
import { DEMO_PASSWORD } from './actors';
import { TestApp } from './test-app';

/** Supertest's parser for a binary body (PDF, XLSX) as one Buffer. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A web session's cookie ("td_session=…"), signed in through the sign-in form. */
export async function webCookie(t: TestApp, username: string): Promise<string> {
  const signin = await request(t.http)
    .post('/dang-nhap')
    .type('form')
    .send({ username, password: DEMO_PASSWORD })
    .expect(303);
  return (signin.headers['set-cookie'][0] as string).split(';')[0];
}
