import request from 'supertest';
import { DEMO_PASSWORD } from './actors';
import { TestApp } from './test-app';

/** Supertest's parser for a binary body (PDF, XLSX) as one Buffer. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A cookie's "name=value" from a response's Set-Cookie headers. */
export function setCookie(res: request.Response, name: string): string | undefined {
  const all = (res.headers['set-cookie'] ?? []) as unknown as string[];
  return all.find((c) => c.startsWith(`${name}=`));
}

/** The sign-in form as a browser gets it: its cookie ("td_signin=…") and its token. */
export async function signInForm(t: TestApp): Promise<{ cookie: string; csrf: string }> {
  const page = await request(t.http).get('/dang-nhap').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const cookie = setCookie(page, 'td_signin')?.split(';')[0];
  if (!csrf || !cookie) throw new Error('The sign-in page gave no form token');
  return { cookie, csrf };
}

/** Posts the sign-in form, with its cookie and token, as a browser does. */
export async function postSignIn(
  t: TestApp,
  fields: Record<string, string>,
): Promise<request.Response> {
  const form = await signInForm(t);
  return request(t.http)
    .post('/dang-nhap')
    .set('Cookie', form.cookie)
    .type('form')
    .send({ ...fields, _csrf: form.csrf });
}

/** A web session's cookie ("td_session=…"), signed in through the sign-in form. */
export async function webCookie(t: TestApp, username: string): Promise<string> {
  const signin = await postSignIn(t, { username, password: DEMO_PASSWORD });
  expect(signin.status).toBe(303);
  return setCookie(signin, 'td_session')!.split(';')[0];
}
