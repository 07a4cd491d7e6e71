/**
 * bench:signing: 2,000 certificates (one-page PDFs, as CertificatesService
 * renders them) signed with the organisation's key (the test PKI's tu-ky.p12,
 * PAdES with @libpdf/core), then each verified as the product verifies an
 * upload (CMS, chain to the test CA, validity at the signing time). The
 * baseline, in the same run: the same PDFs only loaded and saved by the
 * library (what any incremental update costs before cryptography).
 * Ends with one JSON line {"signPerSec", "verifyPerSec", "bytesPerSignature",
 * ...}. Target (issue 18): signing at least 100 per second on 2 cores.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { PDF } from '@libpdf/core';
import { loadConfig } from '../../src/config/app-config';
import { DEFAULT_BLANK_LAYOUT } from '../../src/authorities/certificate-layout';
import { OrganisationSigner } from '../../src/documents/organisation-signer.service';
import {
  checkSignature,
  findSignatures,
  parseCertificates,
} from '../../src/documents/pdf-signatures';
import { PdfRenderer } from '../../src/documents/pdf-renderer.service';
import { TemplatesService } from '../../src/documents/templates.service';
import { SIGNING_ENV, TEST_CA } from '../support/signing';
import { fmt, renderingCertificates, sampleCertificates, timeIt } from './bench-support';

const COUNT = Number(process.env.BENCH_SIGN_COUNT ?? 2000);
/** Distinct certificates rendered (Chromium is not what is measured): the 2,000 cycle through them. */
const DISTINCT = 20;

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', PDF_WARM_UP: 'false', ...SIGNING_ENV });
  const renderer = new PdfRenderer(config);
  const signer = new OrganisationSigner(config);
  const templates = new TemplatesService();
  const certificates = renderingCertificates(config, templates, renderer, signer);
  const look = { layout: DEFAULT_BLANK_LAYOUT, emblem: null, signedBy: null };
  const pdfs: Buffer[] = [];
  for (const entry of sampleCertificates(DISTINCT))
    pdfs.push(await certificates.renderEntries([entry], 'standard', look));
  await renderer.onApplicationShutdown();
  const trusted = parseCertificates(readFileSync(TEST_CA, 'utf8'));
  const claims = () => ({
    reason: 'Giấy khen điện tử',
    location: 'Tứ Kỳ',
    signingTime: new Date(),
  });
  await signer.sign(pdfs[0], 'tu-ky', claims()); // the key decrypted once, as in the app

  const baselineMs = await timeIt(async () => {
    for (let i = 0; i < COUNT; i++)
      await (await PDF.load(new Uint8Array(pdfs[i % DISTINCT]))).save({ incremental: true });
  });
  const signed: Buffer[] = [];
  const signMs = await timeIt(async () => {
    for (let i = 0; i < COUNT; i++)
      signed.push((await signer.sign(pdfs[i % DISTINCT], 'tu-ky', claims()))!);
  });
  let valid = 0;
  const verifyMs = await timeIt(async () => {
    for (const pdf of signed) {
      const [signature] = findSignatures(pdf);
      if ((await checkSignature(pdf, signature, trusted)).valid) valid++;
    }
  });
  if (valid !== COUNT) throw new Error(`${COUNT - valid} signatures did not verify`);
  const bytesPerSignature =
    signed.slice(0, DISTINCT).reduce((s, p, i) => s + p.length - pdfs[i].length, 0) / DISTINCT;
  const perSec = (ms: number) => (COUNT * 1000) / ms;
  console.log(
    `certificates: ${COUNT} (${DISTINCT} distinct, ${fmt(pdfs[0].length / 1024)} KB each)`,
  );
  console.log(`baseline (load + incremental save): ${fmt(perSec(baselineMs))}/s`);
  console.log(`signed with the organisation key:   ${fmt(perSec(signMs))}/s (target ≥ 100/s)`);
  console.log(`verified (CMS, chain, validity):    ${fmt(perSec(verifyMs))}/s`);
  console.log(`bytes added per signature:          ${fmt(bytesPerSignature, 0)}`);
  console.log(
    JSON.stringify({
      count: COUNT,
      signPerSec: Number(fmt(perSec(signMs))),
      verifyPerSec: Number(fmt(perSec(verifyMs))),
      bytesPerSignature: Math.round(bytesPerSignature),
      baselinePerSec: Number(fmt(perSec(baselineMs))),
      signVsBaseline: Number(fmt(baselineMs / signMs, 2)),
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
