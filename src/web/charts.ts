/**
 * Bar charts drawn on the server as SVG (no chart script in the browser):
 * horizontal bars, each label above its bar so that long Vietnamese labels
 * fit a phone's width. The chart is an image with its title; the table
 * beside it carries the same figures for screen readers and printing.
 */
const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** At most this many characters of a label in the chart (the table has it whole). */
const LABEL_CHARS = 52;

export function barChart(
  title: string,
  rows: { label: string; value: number }[],
  format: (n: number) => string = (n) => n.toLocaleString('vi-VN'),
): string {
  const width = 320;
  const rowHeight = 34;
  const height = Math.max(rows.length, 1) * rowHeight + 4;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight;
      const label =
        r.label.length > LABEL_CHARS ? `${r.label.slice(0, LABEL_CHARS - 1)}…` : r.label;
      const w = Math.round((r.value / max) * (width - 70));
      return `<text x="0" y="${y + 12}" class="chart-label">${escapeXml(label)}</text><rect x="0" y="${y + 16}" width="${Math.max(w, r.value > 0 ? 2 : 0)}" height="12" class="chart-bar"/><text x="${w + 6}" y="${y + 27}" class="chart-value">${escapeXml(format(r.value))}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" preserveAspectRatio="xMinYMin meet"><title>${escapeXml(title)}</title>${rows.length ? bars : `<text x="0" y="14" class="chart-label">Chưa có số liệu</text>`}</svg>`;
}
