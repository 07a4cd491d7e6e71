/**
 * What the decisions need of the signing module: the kept version of an
 * issued decision (signed, or the issued revision kept for signers), which
 * is then what downloads. The signing module registers itself
 * (CertificatesService.useSignedVersions), so it depends on decisions and
 * decisions do not depend on it.
 */
export interface SignedVersionsPort {
  /** The decision's kept PDF: its latest signed version, else its issued revision once kept; null if none. */
  current(decisionId: string): Promise<Buffer | null>;
  /** Who signed it and whether each signature holds, for the verification page; null if unsigned. */
  signatures(
    decisionId: string,
  ): Promise<{ signerName: string; signedAt: string | null; valid: boolean }[] | null>;
}
