import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/transactions';
import { Actor } from '../access/actor';
import { AwardForm, CommendationKind, RecipientKind } from '../awards/award-form.entity';
import { DecisionsService } from '../decisions/decisions.service';
import { AppraisalResult, Dossier, DocumentKind } from '../dossiers/dossier.entity';
import { DossierWorkflowService } from '../dossiers/dossier-workflow.service';
import { DossiersService } from '../dossiers/dossiers.service';
import { FilesService } from '../files/files.service';
import { Person } from '../people/person.entity';
import { User } from '../users/user.entity';

/** A one-page PDF standing in for a scanned document. */
function pdf(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
}

type Stage = 'draft' | 'submitted' | 'awaiting' | 'decided';

interface DemoNominee {
  kind: RecipientKind;
  person?: string;
  household?: string;
  form: string;
}

/** One authority's demo dossiers: who acts, and each dossier with the stage it is taken to. */
interface DemoScript {
  officer: string;
  homeAffairs: string;
  chairman: string;
  dossiers: { title: string; stage: Stage; nominees: DemoNominee[] }[];
  /** The first dossier awaiting a decision is decided by one with this title. */
  decisionTitle: string;
}

const { Individual, Household } = RecipientKind;

/**
 * The demo commune's dossiers of 2026, decided under Nghị định 152/2025/NĐ-CP.
 * The historical districts have none: their life ended on 30/06/2025 and a
 * decision cannot be dated before the day it is issued.
 */
const DEMO_SCRIPTS: DemoScript[] = [
  {
    officer: 'thinhan.pvhcc',
    homeAffairs: 'thinhan.noivu',
    chairman: 'thinhan.chutich',
    dossiers: [
      {
        title: 'Đề nghị khen thưởng đột xuất: vận hành Trung tâm Phục vụ hành chính công xã',
        stage: 'awaiting',
        nominees: [
          { kind: Individual, person: 'Ngô Thị Phương', form: 'GK-CN' },
          { kind: Individual, person: 'Đinh Văn Sơn', form: 'GK-CN' },
          {
            kind: Household,
            household: 'Hộ ông Trịnh Văn Bảy, thôn Đông, xã Thịnh An',
            form: 'GK-HGD',
          },
        ],
      },
      {
        title: 'Đề nghị khen thưởng đột xuất: số hóa hồ sơ hộ tịch',
        stage: 'awaiting',
        nominees: [{ kind: Individual, person: 'Lưu Thị Hằng', form: 'GK-CN' }],
      },
      {
        title: 'Đề nghị khen thưởng đột xuất: hướng dẫn người dân dùng dịch vụ công trực tuyến',
        stage: 'submitted',
        nominees: [{ kind: Individual, person: 'Mai Văn Đức', form: 'GK-CN' }],
      },
      {
        title: 'Đề nghị khen thưởng đột xuất: tuyên truyền chuyển đổi số (đang soạn)',
        stage: 'draft',
        nominees: [
          {
            kind: Household,
            household: 'Hộ bà Nguyễn Thị Lụa, thôn Tây, xã Thịnh An',
            form: 'GK-HGD',
          },
        ],
      },
    ],
    decisionTitle:
      'Về việc tặng Giấy khen cho các cá nhân, hộ gia đình có thành tích xuất sắc đột xuất',
  },
];

/**
 * Demo dossiers taken through the real workflow (so each step has its
 * history, audit and notifications): one decided by an issued decision whose
 * certificates can be printed and verified, one awaiting the chairman, one in
 * the Home Affairs queue, one draft. Ad hoc, so they do not depend on a round
 * still being open. An authority that already has dossiers is skipped.
 */
@Injectable()
export class DemoWorkflow {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersService,
    private readonly workflow: DossierWorkflowService,
    private readonly decisions: DecisionsService,
    private readonly files: FilesService,
  ) {}

  private async actor(username: string): Promise<Actor> {
    const u = await this.db.tx.getRepository(User).findOneByOrFail({ username });
    return {
      userId: u.id,
      username: u.username,
      role: u.role,
      authorityId: u.authorityId,
      unitId: u.unitId,
      sessionId: 'demo',
      mustChangePassword: false,
      requestId: 'demo-seed',
    };
  }

  async run(): Promise<void> {
    for (const script of DEMO_SCRIPTS) await this.play(script);
  }

  private async play(script: DemoScript): Promise<void> {
    const officer = await this.actor(script.officer);
    if (await this.db.tx.getRepository(Dossier).existsBy({ authorityId: officer.authorityId }))
      return;
    const noivu = await this.actor(script.homeAffairs);
    const chairman = await this.actor(script.chairman);
    const forms = Object.fromEntries(
      (await this.db.tx.getRepository(AwardForm).findBy({ authorityId: officer.authorityId })).map(
        (f) => [f.code, f.id],
      ),
    );
    const person = async (fullName: string) =>
      (
        await this.db.tx
          .getRepository(Person)
          .findOneByOrFail({ authorityId: officer.authorityId, fullName })
      ).id;

    const make = async (title: string, stage: Stage, nominees: DemoNominee[]) => {
      const dossier = await this.dossiers.create(officer, {
        title,
        commendationKind: CommendationKind.AdHoc,
      });
      for (const n of nominees) {
        const nominee = await this.dossiers.addNominee(officer, dossier.id, {
          kind: n.kind,
          personId: n.person ? await person(n.person) : undefined,
          household: n.household,
          awardFormId: forms[n.form],
          achievementSummary:
            'Có nhiều đóng góp tiêu biểu trong triển khai chuyển đổi số tại địa phương năm 2026.',
        });
        if (n.kind !== RecipientKind.Household) {
          const file = await this.files.upload(officer, {
            originalname: `Báo cáo thành tích - ${nominee.displayName}.pdf`,
            buffer: pdf(nominee.displayName),
            size: pdf(nominee.displayName).length,
          });
          await this.dossiers.attachDocument(officer, dossier.id, {
            kind: DocumentKind.AchievementReport,
            fileId: file.id,
            nomineeId: nominee.id,
          });
        }
      }
      for (const [kind, name] of [
        [DocumentKind.ProposalLetter, 'Tờ trình đề nghị khen thưởng.pdf'],
        [DocumentKind.MeetingMinutes, 'Biên bản họp xét khen thưởng.pdf'],
      ] as const) {
        const file = await this.files.upload(officer, {
          originalname: name,
          buffer: pdf(`${title} ${name}`),
          size: pdf(`${title} ${name}`).length,
        });
        await this.dossiers.attachDocument(officer, dossier.id, { kind, fileId: file.id });
      }
      if (stage === 'draft') return dossier.id;
      await this.workflow.transition(officer, dossier.id, 'submit');
      if (stage === 'submitted') return dossier.id;
      await this.workflow.transition(noivu, dossier.id, 'take');
      const detail = await this.dossiers.detail(noivu, dossier.id);
      await this.workflow.transition(noivu, dossier.id, 'appraise', {
        results: detail.nominees.map((n) => ({
          nomineeId: n.id,
          result: AppraisalResult.Proposed,
        })),
      });
      await this.workflow.transition(noivu, dossier.id, 'send_to_chairman', {
        comment: 'Kính trình Chủ tịch xem xét, quyết định.',
      });
      return dossier.id;
    };

    let decided: string | null = null;
    for (const d of script.dossiers) {
      const id = await make(d.title, d.stage, d.nominees);
      if (d.stage === 'awaiting' && !decided) decided = id;
    }
    if (!decided) return;
    const draft = await this.decisions.createDraft(chairman, {
      dossierIds: [decided],
      title: script.decisionTitle,
    });
    const issued = await this.decisions.issue(chairman, draft.id);
    this.logger.log(
      `Demo dossiers ready; decision ${issued.numberLabel} issued with ${issued.items} certificates (GET /api/decisions/${draft.id}/certificates)`,
    );
  }
}
