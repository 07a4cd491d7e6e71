import { createHash, randomUUID } from 'node:crypto';
import { Db } from '../database/transactions';
import { Injectable, Logger, OnApplicationBootstrap, StreamableFile } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { withoutUnsafeCharacters } from '../common/text/unsafe';
import { AppConfig } from '../config/app-config';
import { EvidenceFile } from './evidence-file.entity';
import { FileStorage } from './file-storage';

/** Accepted types, detected from the bytes, with the file name endings each may carry. */
const ACCEPTED: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};
const ACCEPTED_LIST = 'PDF, PNG, JPEG, DOCX, XLSX';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

function invalidFile(message: string, code: string): AppError {
  return AppError.invalidField('file', message, code);
}

/** Longer than any upload takes from its first byte on disk to its committed row. */
const UPLOAD_GRACE_MS = 15 * 60_000;

/** A SQL condition on a file's id column: true once a unit has sent it in a record of its own. */
export type SentToStaff = (fileIdColumn: string) => string;

/**
 * A SQL condition on a file's id column and a unit's id (a bound parameter):
 * true when staff gave the file to that unit in a record of the unit's own.
 */
export type GivenToUnit = (fileIdColumn: string, unitIdParameter: string) => string;

@Injectable()
export class FilesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Files');
  private readonly sentToStaff: SentToStaff[] = [];
  private readonly givenToUnits: GivenToUnit[] = [];

  constructor(
    private readonly db: Db,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: a large folder must not delay the start.
    void this.sweep().catch((error) => this.logger.error({ err: error }, 'File sweep failed'));
  }

  /**
   * Removes what a process killed mid-upload left behind: half-written files,
   * and files whose row was never committed, once older than any upload takes.
   */
  async sweep(now = new Date()): Promise<number> {
    const { keys, partial } = await this.storage.leftovers(
      new Date(now.getTime() - UPLOAD_GRACE_MS),
    );
    const known = new Set<string>();
    for (let i = 0; i < keys.length; i += 1000) {
      const rows: { storage_key: string }[] = await this.db.tx.query(
        'SELECT storage_key FROM evidence_files WHERE storage_key = ANY($1)',
        [keys.slice(i, i + 1000)],
      );
      for (const r of rows) known.add(r.storage_key);
    }
    const orphans = [...partial, ...keys.filter((k) => !known.has(k))];
    for (const key of orphans) await this.storage.remove(key);
    if (orphans.length)
      this.logger.log(
        `Removed ${orphans.length} leftover file(s) from uploads that did not finish`,
      );
    return orphans.length;
  }

  async upload(
    actor: Actor,
    file: UploadedFile | undefined,
  ): Promise<Omit<EvidenceFile, 'storageKey'>> {
    if (!file)
      throw invalidFile(
        'Trường "file" là bắt buộc: hãy gửi một tệp (multipart/form-data).',
        'required',
      );
    if (file.size === 0) throw invalidFile('Tệp rỗng.', 'empty');
    const originalName =
      // @fastify/multipart reads part file names as UTF-8 (diacritics arrive whole).
      withoutUnsafeCharacters(file.originalname.normalize('NFC')).trim().slice(0, 255) || 'tep';
    const { fileTypeFromBuffer } = await import('file-type');
    const detected = await fileTypeFromBuffer(file.buffer);
    const endings = detected ? ACCEPTED[detected.mime] : undefined;
    if (!detected || !endings) {
      const found = detected
        ? `Tệp là ${detected.ext.toUpperCase()} (${detected.mime})`
        : 'Không nhận ra loại tệp từ nội dung (tệp văn bản thuần, tệp hỏng hoặc loại lạ)';
      throw invalidFile(
        `${found}: không được chấp nhận. Chỉ nhận ${ACCEPTED_LIST}, tối đa ${this.config.FILE_MAX_MB} MB.`,
        'type',
      );
    }
    const ending = originalName.toLowerCase().split('.').pop() ?? '';
    if (!endings.includes(ending)) {
      throw invalidFile(
        `Nội dung tệp là ${detected.ext.toUpperCase()} nhưng tên tệp có đuôi ".${ending}". Hãy đặt đúng đuôi tệp.`,
        'typeMismatch',
      );
    }
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}`;
    await this.storage.put(storageKey, file.buffer);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const saved = await manager.save(
        manager.create(EvidenceFile, {
          id,
          authorityId: authorityScope(actor),
          unitId: unitScope(actor),
          originalName,
          contentType: detected.mime,
          sizeBytes: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          storageKey,
          uploadedBy: actor.userId,
        }),
      );
      await this.audit.record(
        actor,
        'file.upload',
        { type: 'file', id },
        {
          originalName: { from: null, to: originalName },
          sha256: { from: null, to: saved.sha256 },
        },
      );
      // The storage key is internal: never part of an answer.
      const { storageKey: _key, ...view } = saved;
      return view;
    });
  }

  /**
   * A record that holds a unit's files and that staff see once the unit sends
   * it (a dossier's documents, a report's evidence) shares them with staff.
   * The module owning the record registers the condition: it depends on
   * files, not files on it.
   */
  shareWithStaffOnceSent(condition: SentToStaff): void {
    this.sentToStaff.push(condition);
  }

  /**
   * The other way: a file staff uploaded into a record of a unit's own (the
   * level above's decision on the unit's nominee) is the unit's to read too.
   * Registered, as above, by the module owning the record.
   */
  shareWithUnit(condition: GivenToUnit): void {
    this.givenToUnits.push(condition);
  }

  /**
   * Files the actor may read: a unit officer's own unit's, and the
   * authority's that staff gave the unit. Staff read the authority's own
   * files, and a unit's once the unit has sent them: not what it uploads for
   * a draft, nor what it never used. `toAttach`: what a unit may put into a
   * record of its own is only what it uploaded itself.
   */
  private scoped(actor: Actor, toAttach = false) {
    const manager = this.db.tx;
    const qb = manager
      .getRepository(EvidenceFile)
      .createQueryBuilder('f')
      .where('f.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    const own = unitScope(actor);
    if (own && toAttach) qb.andWhere('f.unit_id = :ownUnit', { ownUnit: own });
    else if (own)
      qb.andWhere(
        `(f.unit_id = :ownUnit OR (f.unit_id IS NULL AND (${
          this.givenToUnits.map((given) => given('f.id', ':ownUnit')).join(' OR ') || 'false'
        })))`,
        { ownUnit: own },
      );
    else
      qb.andWhere(
        `(${['f.unit_id IS NULL', ...this.sentToStaff.map((sent) => sent('f.id'))].join(' OR ')})`,
      );
    return qb;
  }

  /** The file's bytes; `inline` lets a browser show it (PDF, images) rather than save it. */
  async download(
    actor: Actor,
    id: string,
    disposition: 'attachment' | 'inline' = 'attachment',
  ): Promise<StreamableFile> {
    const file = await this.scoped(actor)
      .addSelect('f.storageKey')
      .andWhere('f.id = :id', { id })
      .getOne();
    if (!file) throw AppError.notFound('Tệp');
    const ascii =
      file.originalName
        .normalize('NFD')
        .replace(/[^\x20-\x7E]/g, '')
        .replace(/["\\]/g, '') || 'tep';
    return new StreamableFile(this.storage.read(file.storageKey), {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
    });
  }

  /**
   * Files' descriptions (not their bytes) by id, for a record its module has
   * already shown the actor (a dossier's documents): no scope of their own.
   */
  describeAll(ids: string[]): Promise<Omit<EvidenceFile, 'storageKey'>[]> {
    return ids.length
      ? this.db.tx.find(EvidenceFile, { where: { id: In(ids) } })
      : Promise.resolve([]);
  }

  /** A file's description (not its bytes), in the actor's scope: 404 otherwise. */
  async describe(actor: Actor, id: string): Promise<Omit<EvidenceFile, 'storageKey'>> {
    const file = await this.scoped(actor).andWhere('f.id = :id', { id }).getOne();
    if (!file) throw AppError.notFound('Tệp');
    return file;
  }

  /**
   * Evidence referenced from a report or dossier: every id must be a file the
   * actor's unit owns (or, for staff, of the authority); 400 naming `field`.
   */
  async requireOwned(actor: Actor, ids: string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.scoped(actor, true)
      .andWhere({ id: In(ids) })
      .getCount();
    if (found !== new Set(ids).size) {
      throw AppError.invalidField(
        field,
        'Có tệp minh chứng không tồn tại hoặc không thuộc đơn vị của bạn.',
        'unknownFile',
      );
    }
  }
}
