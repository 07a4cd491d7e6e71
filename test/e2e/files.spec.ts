import { createHash } from 'node:crypto';
import request from 'supertest';
import { api, countRows, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence files', () => {
  let t: TestApp;
  let hungdao: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp({ FILE_MAX_MB: '1' });
    await seedDemo(t);
    hungdao = api(t, await tokenFor(t, 'hungdao'));
  });
  afterAll(() => t.close());

  it('stores a file with its Vietnamese name, detected type and SHA-256, and serves it back to the unit', async () => {
    const name = 'Biên bản họp xét thi đua.pdf';
    const up = await hungdao.post('/api/files').attach('file', PDF, name).expect(201);
    expect(up.body).toMatchObject({
      originalName: name,
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(up.body.storageKey).toBeUndefined();
    const down = await hungdao
      .get(`/api/files/${up.body.id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });

  it('strips bidirectional and control characters from stored names', async () => {
    const up = await hungdao
      .post('/api/files')
      .attach('file', PDF, 'bao-cao\u202Efdp.exe\u2066.pdf')
      .expect(201);
    expect(up.body.originalName).toBe('bao-caofdp.exe.pdf');
    const down = await hungdao.get(`/api/files/${up.body.id}`).expect(200);
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="bao-caofdp.exe.pdf"; filename*=UTF-8''bao-caofdp.exe.pdf`,
    );
  });

  it('refuses other units, other authorities, anonymous callers, and staff before the unit sends it', async () => {
    const up = await hungdao.post('/api/files').attach('file', PNG, 'ảnh.png').expect(201);
    await hungdao.get(`/api/files/${up.body.id}`).expect(200);
    await api(t, await tokenFor(t, 'daison'))
      .get(`/api/files/${up.body.id}`)
      .expect(404);
    await api(t, await tokenFor(t, 'tanhong.admin'))
      .get(`/api/files/${up.body.id}`)
      .expect(404);
    await request(t.http).get(`/api/files/${up.body.id}`).expect(401);
    // Uploaded, in no dossier or report the unit has sent: still the unit's own.
    const noivu = api(t, await tokenFor(t, 'noivu'));
    await noivu.get(`/api/files/${up.body.id}`).expect(404);
    // Home Affairs reads its own uploads.
    const theirs = await noivu.post('/api/files').attach('file', PNG, 'công văn.png').expect(201);
    await noivu.get(`/api/files/${theirs.body.id}`).expect(200);
  });

  it('refuses files that lie about their type, unknown types, empty and oversize files, saving nothing', async () => {
    const before = await countRows(t, 'evidence_files');
    const lie = await hungdao.post('/api/files').attach('file', PNG, 'tờ trình.pdf').expect(400);
    expect(lie.body.details[0]).toMatchObject({ field: 'file', code: 'typeMismatch' });
    const script = await hungdao
      .post('/api/files')
      .attach('file', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'minh chứng.pdf')
      .expect(400);
    expect(script.body.details[0]).toMatchObject({ field: 'file', code: 'type' });
    expect(script.body.message).toBe(
      'Không nhận ra loại tệp từ nội dung (tệp văn bản thuần, tệp hỏng hoặc loại lạ): không được chấp nhận. Chỉ nhận PDF, PNG, JPEG, DOCX, XLSX, tối đa 1 MB.',
    );
    const gif = await hungdao
      .post('/api/files')
      .attach('file', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'ảnh.gif')
      .expect(400);
    expect(gif.body.message).toContain('Tệp là GIF (image/gif): không được chấp nhận.');
    const empty = await hungdao
      .post('/api/files')
      .attach('file', Buffer.alloc(0), 'rỗng.pdf')
      .expect(400);
    expect(empty.body.details[0]).toMatchObject({ field: 'file', code: 'empty' });
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 32)]);
    const tooBig = await hungdao.post('/api/files').attach('file', big, 'lớn.pdf').expect(413);
    expect(tooBig.body.details[0]).toMatchObject({ field: 'file', code: 'maxSize' });
    expect(tooBig.body.message).toBe('Tệp vượt quá dung lượng cho phép (tối đa 1 MB).');
    const none = await hungdao.post('/api/files').send({}).expect(400);
    expect(none.body.details[0]).toMatchObject({ field: 'file', code: 'required' });
    expect(await countRows(t, 'evidence_files')).toBe(before);
  });
});
