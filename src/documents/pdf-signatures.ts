import { createHash, webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { PDF } from '@libpdf/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** One signature found in a PDF: its byte range and its CMS (DER). */
export interface FoundSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
}

/** What a checked signature says, or why it does not hold. */
export interface CheckedSignature {
  valid: boolean;
  /** Vietnamese: why the signature does not hold (null when it holds). */
  problem: string | null;
  signerName: string;
  organisation: string;
  /** The signing time the signature claims (its signed attribute), ISO 8601. */
  signedAt: string | null;
  /** Hex SHA-256 of the signer's certificate. */
  certificateSha256: string;
  /** Whether its byte range runs to the end of the file (nothing appended after it). */
  coversToEnd: boolean;
}

/**
 * Our own engine for pkijs: @libpdf/core replaces pkijs's global engine with
 * one made for signing, with which verification fails.
 */
const engine = new pkijs.CryptoEngine({
  name: 'thidua-verify',
  crypto: webcrypto as unknown as WebCrypto.Crypto,
});

const OID = {
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
};

/**
 * The signatures of a PDF, in file order: each /ByteRange and the /Contents
 * hex string between its two ranges. Only what the ranges say is trusted; a
 * range that does not fit the file is left out (and so never counts as signed).
 */
export function findSignatures(pdf: Buffer): FoundSignature[] {
  const found: FoundSignature[] = [];
  const text = pdf.toString('latin1');
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  const seen = new Set<string>();
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const range = m.slice(1, 5).map(Number) as FoundSignature['byteRange'];
    const [a, b, c, d] = range;
    if (a !== 0 || c <= b || c + d > pdf.length || seen.has(range.join())) continue;
    seen.add(range.join());
    const hex = text.slice(b, c).trim();
    if (!/^<[0-9a-fA-F\s]*>$/.test(hex)) continue;
    const der = Buffer.from(hex.slice(1, -1).replace(/\s+/g, ''), 'hex');
    found.push({ byteRange: range, cms: trimDer(der) });
  }
  return found;
}

/** The placeholder is padded with zeros after the DER: keep the DER alone. */
function trimDer(padded: Buffer): Buffer {
  const parsed = asn1js.fromBER(new Uint8Array(padded).buffer);
  return parsed.offset > 0 ? padded.subarray(0, parsed.offset) : padded;
}

const nameOf = (name: pkijs.RelativeDistinguishedNames, oid: string) =>
  String(name.typesAndValues.find((t) => t.type === oid)?.value.valueBlock.value ?? '');

/** PEM (one or more certificates) → pkijs certificates; an unreadable block is an error for the caller. */
export function parseCertificates(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const der = Buffer.from(block.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    return pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
  });
}

/** A certificate's subject common name and organisation, for people to read. */
export function certificateNames(cert: pkijs.Certificate) {
  return {
    name: nameOf(cert.subject, OID.commonName),
    organisation: nameOf(cert.subject, OID.organisation),
  };
}

/**
 * Checks one signature of `pdf`: the CMS over its byte ranges (the message
 * digest and the signature), the signer's chain up to one of `trusted`, and
 * the certificates' validity at the signing time the signature claims.
 */
export async function checkSignature(
  pdf: Buffer,
  signature: FoundSignature,
  trusted: pkijs.Certificate[],
): Promise<CheckedSignature> {
  const [, b, c, d] = signature.byteRange;
  const signed = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  const result: CheckedSignature = {
    valid: false,
    problem: null,
    signerName: '',
    organisation: '',
    signedAt: null,
    certificateSha256: '',
    coversToEnd: c + d === pdf.length,
  };
  let data: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(signature.cms).buffer);
    data = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ...result, problem: 'Chữ ký không đọc được (không phải CMS hợp lệ).' };
  }
  const signerInfo = data.signerInfos[0];
  const certificates = (data.certificates ?? []).filter(
    (x): x is pkijs.Certificate => x instanceof pkijs.Certificate,
  );
  const sid = signerInfo?.sid;
  const signer = certificates.find(
    (x) =>
      sid instanceof pkijs.IssuerAndSerialNumber &&
      x.serialNumber.isEqual(sid.serialNumber) &&
      x.issuer.isEqual(sid.issuer),
  );
  if (!signerInfo || !signer)
    return { ...result, problem: 'Chữ ký không kèm chứng thư số của người ký.' };
  const names = certificateNames(signer);
  Object.assign(result, {
    signerName: names.name,
    organisation: names.organisation,
    certificateSha256: createHash('sha256')
      .update(Buffer.from(signer.toSchema().toBER(false)))
      .digest('hex'),
  });
  const time = signerInfo.signedAttrs?.attributes.find((a) => a.type === OID.signingTime);
  const claimed = (
    time?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined
  )?.toDate();
  result.signedAt = claimed ? claimed.toISOString() : null;
  const at = claimed ?? new Date();
  if (at < signer.notBefore.value || at > signer.notAfter.value)
    return {
      ...result,
      problem: `Chứng thư số của ${result.signerName} không còn hiệu lực vào thời điểm ký.`,
    };
  try {
    const verified = await data.verify(
      {
        signer: 0,
        data: new Uint8Array(signed).buffer,
        trustedCerts: trusted,
        checkChain: true,
        checkDate: at,
        extendedMode: true,
      },
      engine,
    );
    if (!verified.signatureVerified)
      return { ...result, problem: 'Chữ ký không khớp với nội dung văn bản.' };
    if (!verified.signerCertificateVerified)
      return {
        ...result,
        problem: `Chứng thư số của ${result.signerName} không do tổ chức chứng thực tin cậy cấp.`,
      };
  } catch (error) {
    const e = error as { signatureVerified?: boolean | null; code?: number };
    // pkijs reports a chain it cannot build as an error with signatureVerified unset or true.
    if (e.signatureVerified === false || e.code === 14 || e.code === 15)
      return { ...result, problem: 'Chữ ký không khớp với nội dung văn bản.' };
    return {
      ...result,
      problem: `Chứng thư số của ${result.signerName} không do tổ chức chứng thực tin cậy cấp.`,
    };
  }
  return { ...result, valid: true };
}

/** The room kept for a signature made elsewhere: a CMS with its chain and a timestamp fits. */
const EXTERNAL_SIGNATURE_BYTES = 32 * 1024;

/**
 * A self-signed certificate made once per process, only to let the library
 * lay out a signature field whose contents are replaced before anyone sees
 * them (the hash-signing flow): it never signs anything that is kept.
 */
let placeholder: Promise<Uint8Array> | null = null;
function placeholderCertificate(): Promise<Uint8Array> {
  placeholder ??= (async () => {
    const keys = (await webcrypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as WebCrypto.CryptoKeyPair;
    const cert = new pkijs.Certificate();
    cert.version = 2;
    cert.serialNumber = new asn1js.Integer({ value: 1 });
    const cn = new pkijs.AttributeTypeAndValue({
      type: OID.commonName,
      value: new asn1js.Utf8String({ value: 'Chỗ dành cho chữ ký' }),
    });
    cert.issuer.typesAndValues.push(cn);
    cert.subject.typesAndValues.push(cn);
    cert.notBefore.value = new Date('2020-01-01');
    cert.notAfter.value = new Date('2100-01-01');
    await cert.subjectPublicKeyInfo.importKey(keys.publicKey as never, engine);
    await cert.sign(keys.privateKey as never, 'SHA-256', engine);
    return new Uint8Array(cert.toSchema().toBER(false));
  })();
  return placeholder;
}

/** A PDF prepared for a signature made elsewhere: the bytes to keep, and what the signer signs. */
export interface PreparedSignature {
  pdf: Buffer;
  byteRange: FoundSignature['byteRange'];
  /** SHA-256 of the byte ranges: the CMS's message digest. */
  digest: Buffer;
}

/**
 * Lays out a signature field on `pdf` (an incremental update) whose contents
 * a signing plugin fills: the plugin signs `digest` and returns a CMS that
 * `embedSignature` writes into the reserved room.
 */
export async function prepareExternalSignature(
  pdf: Buffer,
  claims: { reason: string; location: string; signingTime: Date },
): Promise<PreparedSignature> {
  const certificate = await placeholderCertificate();
  const document = await PDF.load(new Uint8Array(pdf));
  const { bytes } = await document.sign({
    signer: {
      certificate,
      keyType: 'RSA',
      signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
      sign: () => Promise.resolve(new Uint8Array(256)),
    },
    ...claims,
    estimatedSize: EXTERNAL_SIGNATURE_BYTES,
  });
  const prepared = Buffer.from(bytes);
  const signature = findSignatures(prepared).at(-1)!;
  const [, b, c, d] = signature.byteRange;
  const digest = createHash('sha256')
    .update(prepared.subarray(0, b))
    .update(prepared.subarray(c, c + d))
    .digest();
  return { pdf: prepared, byteRange: signature.byteRange, digest };
}

/** Writes a CMS into the room `prepareExternalSignature` kept; null when it does not fit. */
export function embedSignature(
  prepared: Buffer,
  byteRange: FoundSignature['byteRange'],
  cms: Buffer,
): Buffer | null {
  const [, b, c] = byteRange;
  const room = c - b - 2; // between "<" and ">"
  const hex = cms.toString('hex');
  if (hex.length > room) return null;
  const out = Buffer.from(prepared);
  out.write(hex.padEnd(room, '0'), b + 1, 'latin1');
  return out;
}
