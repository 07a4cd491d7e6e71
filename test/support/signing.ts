import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { P12Signer, PDF } from '@libpdf/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

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

/**
 * What a plugin that signs a digest returns: a detached CMS SignedData whose
 * message digest is `digest`, signed with `who`'s key (the PKCS#12 read with
 * openssl), its certificate included.
 */
export async function cmsForDigest(who: string, digest: Buffer): Promise<Buffer> {
  const pem = execFileSync(
    'openssl',
    [
      'pkcs12',
      '-in',
      join(SIGNING_FIXTURES, `${who}.p12`),
      '-nodes',
      '-passin',
      `pass:${SIGNING_PASSWORD}`,
    ],
    { encoding: 'utf8' },
  );
  const block = (label: string) =>
    Buffer.from(
      new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem)![1],
      'base64',
    );
  const engine = new pkijs.CryptoEngine({ name: 'test', crypto: webcrypto as never });
  const cert = pkijs.Certificate.fromBER(new Uint8Array(block('CERTIFICATE')).buffer);
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    block('PRIVATE KEY'),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: cert.issuer,
          serialNumber: cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.5',
              values: [new asn1js.UTCTime({ valueDate: new Date() })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: new Uint8Array(digest).buffer })],
            }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  await signed.sign(key as never, 0, 'SHA-256', undefined, engine);
  const info = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signed.toSchema(true),
  });
  return Buffer.from(info.toSchema().toBER(false));
}
