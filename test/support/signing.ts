import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { P12Signer, PDF } from '@libpdf/core';

/** The test PKI (test/fixtures/signing/make.sh): a CA, the organisations' keys, an official's, a stranger's. */
export const SIGNING_FIXTURES = join(__dirname, '..', 'fixtures', 'signing');
export const SIGNING_PASSWORD = 'thidua-test';
export const TEST_CA = join(SIGNING_FIXTURES, 'ca.pem');

/** The app's settings that give it the organisations' keys of the test PKI. */
export const SIGNING_ENV = {
  SIGNING_KEYS_DIR: SIGNING_FIXTURES,
  SIGNING_KEY_PASSWORD: SIGNING_PASSWORD,
};

/** What an official's token and the office's plugin do: sign the PDF they were given, with their key. */
export async function signAs(who: string, pdf: Buffer): Promise<Buffer> {
  const signer = await P12Signer.create(
    readFileSync(join(SIGNING_FIXTURES, `${who}.p12`)),
    SIGNING_PASSWORD,
  );
  const { bytes } = await (await PDF.load(new Uint8Array(pdf))).sign({ signer });
  return Buffer.from(bytes);
}
