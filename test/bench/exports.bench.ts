/**
 * bench:exports: the award register (100,000 entries by default) exported
 * through the API to XLSX and to CSV, each read to the end by an HTTP client
 * in this process, with the process's peak memory sampled meanwhile. The
 * baseline, in the same run: the same rows written by exceljs's in-memory
 * workbook (what a naive export does), for memory and time.
 * Ends with one JSON line {"rows", "xlsxRowsPerSec", "csvRowsPerSec",
 * "peakRssMbXlsx", "importRowsPerSec", ...}; the import is 10,000 people
 * through the API, previewed then imported. Targets (issue 15): 100,000 rows
 * to XLSX in under 10 s with peak memory under 300 MB, 10,000 imported rows
 * in under 15 s. Then the Home Affairs queue's export (every dossier, CSV and
 * XLSX) beside the equivalent SQL query read whole: {"queueRows",
 * "queueCsvRowsPerSec", "queueXlsxRowsPerSec", "queueSqlRowsPerSec"}.
 */
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { REGISTER_COLUMNS } from '../../src/decisions/register-export';
import { RegisterRow } from '../../src/decisions/decisions.dto';
import { User } from '../../src/users/user.entity';
import { seedDemo } from '../support/actors';
import { benchApp, fmt, pgClients, timeIt } from './bench-support';
import { loadDossiers } from './load-dossiers';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

/** Peak resident memory while `work` runs, sampled every 10 ms. */
async function peakRss(work: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const ms = await timeIt(work);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: peak / 1024 / 1024 };
}

/** One issued decision whose register holds a line for each of the authority's nominees. */
async function loadRegister(ds: DataSource, authorityId: string): Promise<void> {
  await loadDossiers(ds, authorityId, Math.ceil(ROWS / 2));
  const [{ id: decisionId }] = await ds.query(
    `INSERT INTO decisions (authority_id, kind, status, title, legal_bases, funding, execution, recipients,
                            number, year, issued_on, signer_name, base_salary)
     VALUES ($1, 'award', 'issued', 'Về việc tặng Giấy khen', '[]', '', '', '[]', 1, 2026, '2026-12-05', 'Phạm Văn Quang', 2340000)
     RETURNING id`,
    [authorityId],
  );
  await ds.query(
    `INSERT INTO decision_items (decision_id, nominee_id, dossier_id, recipient_kind, display_name, unit_name,
                                 award_form_name, money_multiplier, amount, position)
     SELECT $1, n.id, n.dossier_id, 'individual', n.display_name || ' ' || row_number() OVER (), 'UBND xã Hưng Đạo',
            'Giấy khen của Chủ tịch Ủy ban nhân dân huyện', 0.3, 702000, (row_number() OVER ()) % 30000
       FROM nominees n JOIN dossiers d ON d.id = n.dossier_id WHERE d.authority_id = $2 LIMIT $3`,
    [decisionId, authorityId, ROWS],
  );
  await ds.query(
    `INSERT INTO award_register (authority_id, year, register_number, decision_id, item_id, verify_token, status, snapshot, search_name)
     SELECT $1, 2026, row_number() OVER (ORDER BY i.id), $2, i.id, md5(i.id::text), 'valid',
            jsonb_build_object('awardeeName', i.display_name, 'unitName', i.unit_name, 'awardFormName', i.award_form_name,
                               'decisionNumber', '01/QĐ-UBND', 'decisionDate', '2026-12-05', 'recipientKind', 'individual'),
            lower(i.display_name)
       FROM decision_items i WHERE i.decision_id = $2`,
    [authorityId, decisionId],
  );
  await ds.query('VACUUM ANALYZE');
}

async function main(): Promise<void> {
  const bench = await benchApp();
  try {
    const ds = bench.app.get(DataSource);
    await seedDemo(bench);
    const [{ id: authorityId }] = await ds.query("SELECT id FROM authorities WHERE code = 'tu-ky'");
    const loadMs = await timeIt(() => loadRegister(ds, authorityId));
    const [{ n: rows }] = await ds.query('SELECT count(*)::int AS n FROM award_register');
    console.log(`loaded ${rows} register entries in ${fmt(loadMs / 1000)} s`);
    const user = await ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const token = (await bench.app.get(AuthService).issueSession(user)).accessToken;

    /** Downloads an export to the end, counting bytes (the client is in this process too). */
    const download = async (format: 'xlsx' | 'csv', path = '/api/register/export') => {
      let bytes = 0;
      const res = await fetch(`${bench.base}${path}?format=${format}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`export ${path} ${format}: ${res.status}`);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        bytes += chunk.length;
      return bytes;
    };
    global.gc?.();
    const before = process.memoryUsage().rss / 1024 / 1024;
    let xlsxBytes = 0;
    const xlsx = await peakRss(async () => (xlsxBytes = await download('xlsx')));
    let csvBytes = 0;
    const csv = await peakRss(async () => (csvBytes = await download('csv')));
    console.log(
      `streaming XLSX: ${rows} rows in ${fmt(xlsx.ms / 1000, 2)} s (${fmt(rows / (xlsx.ms / 1000), 0)} rows/s), ${fmt(xlsxBytes / 1e6)} MB, peak RSS ${fmt(xlsx.peakMb, 0)} MB (${fmt(before, 0)} MB before)`,
    );
    console.log(
      `streaming CSV:  ${rows} rows in ${fmt(csv.ms / 1000, 2)} s (${fmt(rows / (csv.ms / 1000), 0)} rows/s), ${fmt(csvBytes / 1e6)} MB, peak RSS ${fmt(csv.peakMb, 0)} MB`,
    );

    // Baseline: the same rows and columns, built whole in memory, then written.
    const naive = await peakRss(async () => {
      const all: RegisterRow[] = [];
      const actor = {
        userId: user.id,
        username: user.username,
        role: user.role,
        authorityId: user.authorityId,
        unitId: null,
        sessionId: 'bench',
        mustChangePassword: false,
        requestId: 'bench',
      };
      const { DecisionsService } = await import('../../src/decisions/decisions.service');
      for await (const batch of bench.app.get(DecisionsService).registerRows(actor, {}))
        all.push(...batch);
      const book = new Workbook();
      const sheet = book.addWorksheet('Sổ khen thưởng');
      sheet.addRow(REGISTER_COLUMNS.map((c) => c.header));
      for (const r of all) sheet.addRow(REGISTER_COLUMNS.map((c) => c.value(r)));
      await book.xlsx.writeBuffer();
    });
    console.log(
      `baseline (in-memory workbook): ${fmt(naive.ms / 1000, 2)} s, peak RSS ${fmt(naive.peakMb, 0)} MB; streaming is ${fmt(naive.ms / xlsx.ms, 2)}× its speed`,
    );
    // The Home Affairs queue's export (every dossier of the authority but what units never sent,
    // in the queue's order), beside the same rows read whole by the equivalent SQL query.
    const [{ n: dossiers }] = await ds.query(
      "SELECT count(*)::int AS n FROM dossiers WHERE authority_id = $1 AND status NOT IN ('draft', 'discarded')",
      [authorityId],
    );
    const queueCsv = await peakRss(() => download('csv', '/api/dossiers/export'));
    const queueXlsx = await peakRss(() => download('xlsx', '/api/dossiers/export'));
    const [sql] = await pgClients(bench.url, 1);
    const queueSqlMs = await timeIt(() =>
      sql.query(
        `SELECT d.id, d.title, u.name, d.status, d.submitted_at, d.appraisal_due_on::text
           FROM dossiers d LEFT JOIN units u ON u.id = d.unit_id
          WHERE d.authority_id = $1 AND d.status NOT IN ('draft', 'discarded') ORDER BY d.submitted_at NULLS LAST, d.id`,
        [authorityId],
      ),
    );
    await sql.end();
    const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));
    console.log(
      `queue export of ${dossiers} dossiers: CSV ${fmt(queueCsv.ms / 1000, 2)} s (${perSec(dossiers, queueCsv.ms)} rows/s), XLSX ${fmt(queueXlsx.ms / 1000, 2)} s (${perSec(dossiers, queueXlsx.ms)} rows/s); baseline, the equivalent SQL read whole: ${fmt(queueSqlMs / 1000, 2)} s (CSV ×${fmt(queueCsv.ms / queueSqlMs, 1)} its time)`,
    );
    // Import: 10,000 people through the API, previewed then imported (the same validation).
    const book = new Workbook();
    const ws = book.addWorksheet('Cá nhân');
    ws.addRow(['Mã đơn vị', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Chức vụ']);
    const codes: { code: string }[] = await ds.query(
      'SELECT code FROM units WHERE authority_id = $1 ORDER BY code',
      [authorityId],
    );
    for (let i = 0; i < IMPORT_ROWS; i++)
      ws.addRow([
        codes[i % codes.length].code,
        `Người nhập thử ${i + 1}`,
        i % 2 ? 'Nam' : 'Nữ',
        1960 + (i % 45),
        'Chuyên viên',
      ]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const send = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([file]), 'ca-nhan.xlsx');
      const res = await fetch(`${bench.base}/api/imports/people?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      });
      const body = (await res.json()) as { created: number };
      if (res.status !== 200 || body.created !== IMPORT_ROWS)
        throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    const previewMs = await timeIt(() => send(true));
    const importMs = await timeIt(() => send(false));
    console.log(
      `import of ${IMPORT_ROWS} people (${fmt(file.length / 1e6, 2)} MB): preview ${fmt(previewMs / 1000, 2)} s, import ${fmt(importMs / 1000, 2)} s (${fmt(IMPORT_ROWS / (importMs / 1000), 0)} rows/s)`,
    );
    console.log(
      JSON.stringify({
        rows,
        xlsxRowsPerSec: Math.round(rows / (xlsx.ms / 1000)),
        csvRowsPerSec: Math.round(rows / (csv.ms / 1000)),
        peakRssMbXlsx: Math.round(xlsx.peakMb),
        peakRssMbCsv: Math.round(csv.peakMb),
        // The whole process (the app included) before the exports: what the exports added is the difference.
        rssBeforeMb: Math.round(before),
        baselineXlsxMs: Math.round(naive.ms),
        baselinePeakRssMb: Math.round(naive.peakMb),
        importRowsPerSec: Math.round(IMPORT_ROWS / (importMs / 1000)),
        importPreviewMs: Math.round(previewMs),
        queueRows: dossiers,
        queueCsvRowsPerSec: perSec(dossiers, queueCsv.ms),
        queueXlsxRowsPerSec: perSec(dossiers, queueXlsx.ms),
        queueSqlRowsPerSec: perSec(dossiers, queueSqlMs),
      }),
    );
  } finally {
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
