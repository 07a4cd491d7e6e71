/**
 * A document the system drafts for a unit to finish, sign and upload (a cover
 * note, an achievement report): its content as plain blocks, so the same draft
 * prints as a PDF (templates/draft.hbs) and opens in Word (docx-writer.ts)
 * without two copies of the wording.
 */
export type DraftBlock =
  /** A section heading: "I. SƠ LƯỢC LÝ LỊCH". */
  | { kind: 'heading'; text: string }
  /** A paragraph; `label` is printed bold before the text ("Họ và tên: "). */
  | { kind: 'paragraph'; text: string; label?: string; italic?: boolean }
  /** Room for the unit to write what the system does not know: dotted lines. */
  | { kind: 'blank'; lines: number }
  | { kind: 'table'; columns: DraftColumn[]; rows: string[][] };

export interface DraftColumn {
  title: string;
  /** Share of the table's width, in percent. */
  width: number;
}

/** A signature block: "THỦ TRƯỞNG ĐƠN VỊ" over "(Ký, ghi rõ họ tên, đóng dấu)". */
export interface DraftSigner {
  title: string;
  note: string;
  name: string;
}

export interface DraftDocument {
  /** The issuing body above the organisation (cơ quan chủ quản), upper case; may be empty. */
  issuingBody: string;
  /** The organisation that signs it, upper case. */
  organisation: string;
  /** "/TTr-" for a numbered document (the number is left blank), null for a report. */
  numberSuffix: string | null;
  placeName: string;
  title: string;
  subtitle: string[];
  /** "Kính gửi: …", when the document is addressed. */
  addressee: string | null;
  blocks: DraftBlock[];
  /** Nơi nhận, when the document has one. */
  recipients: string[];
  /** One or two signature blocks, left to right. */
  signers: DraftSigner[];
}
