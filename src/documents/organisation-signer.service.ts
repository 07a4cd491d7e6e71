import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { P12Signer, PDF } from '@libpdf/core';
import { AppConfig } from '../config/app-config';

/** What the signature says besides the key: why, where, when. */
export interface SigningClaims {
  reason: string;
  location: string;
  signingTime: Date;
}

/**
 * The organisation keys the server holds (PKCS#12 files under
 * SIGNING_KEYS_DIR, one per authority code), used to sign PDFs as PAdES
 * (ETSI.CAdES.detached) with @libpdf/core: each signature an incremental
 * update, so the bytes before it, and any signature already there, stay as
 * they were. A hardware module would be one more implementation of `sign`.
 */
@Injectable()
export class OrganisationSigner {
  /** Loaded once per authority (the PKCS#12 decryption is the slow part); null: no key. */
  private readonly keys = new Map<string, Promise<P12Signer | null>>();

  constructor(private readonly config: AppConfig) {}

  private key(authorityCode: string): Promise<P12Signer | null> {
    let key = this.keys.get(authorityCode);
    if (!key) {
      key = this.load(authorityCode);
      this.keys.set(authorityCode, key);
    }
    return key;
  }

  private async load(authorityCode: string): Promise<P12Signer | null> {
    const dir = this.config.SIGNING_KEYS_DIR;
    if (!dir || !/^[a-z0-9-]+$/.test(authorityCode)) return null;
    const bytes = await readFile(join(dir, `${authorityCode}.p12`)).catch(() => null);
    if (!bytes) return null;
    return P12Signer.create(new Uint8Array(bytes), this.config.SIGNING_KEY_PASSWORD ?? '');
  }

  /** Whether the authority's documents can be signed by the server. */
  async has(authorityCode: string): Promise<boolean> {
    return (await this.key(authorityCode)) !== null;
  }

  /** The PDF with the organisation's signature appended; null when the authority has no key. */
  async sign(pdf: Buffer, authorityCode: string, claims: SigningClaims): Promise<Buffer | null> {
    const signer = await this.key(authorityCode);
    if (!signer) return null;
    const document = await PDF.load(new Uint8Array(pdf));
    const { bytes } = await document.sign({ signer, ...claims });
    return Buffer.from(bytes);
  }
}
