import { createHash, webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
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
