import { dropDatabase, ADMIN_URL_ENV, TEMPLATE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (adminUrl && template) await dropDatabase(adminUrl, template);
  await globalThis.__thiduaTestServer?.stop();
}
