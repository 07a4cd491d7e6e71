/** A field's position on a pre-printed blank certificate, in millimetres from the top-left corner. */
export interface FieldPosition {
  x: number;
  y: number;
  fontPt: number;
}

export interface CertificateLayout {
  awardee: FieldPosition;
  unit: FieldPosition;
  achievement: FieldPosition;
  decision: FieldPosition;
  register: FieldPosition;
  date: FieldPosition;
  signer: FieldPosition;
  qr: { x: number; y: number; size: number };
}

/** Where the fields of the common A4 landscape blank go; an office calibrates its own. */
export const DEFAULT_BLANK_LAYOUT: CertificateLayout = {
  awardee: { x: 148.5, y: 98, fontPt: 24 },
  unit: { x: 148.5, y: 110, fontPt: 15 },
  achievement: { x: 148.5, y: 122, fontPt: 15 },
  decision: { x: 25, y: 160, fontPt: 12 },
  register: { x: 25, y: 166, fontPt: 12 },
  date: { x: 205, y: 150, fontPt: 13 },
  signer: { x: 205, y: 188, fontPt: 14 },
  qr: { x: 25, y: 172, size: 24 },
};
