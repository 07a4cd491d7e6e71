import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { Role } from '../access/roles';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { AwardsService } from '../awards/awards.service';
import { DOCUMENT_KIND_LABELS, DocumentKind, NomineeOutcome } from '../dossiers/dossier.entity';
import { DossiersService } from '../dossiers/dossiers.service';
import { toForward } from '../dossiers/step-conditions';
import { NOMINEE_MOVES } from '../dossiers/nominee-outcomes';
import { attestRules, caseRules, historyRules, RuleKind } from '../law/eligibility';
import { DossierAction, DossierStatus, WORKFLOW } from '../dossiers/workflow';
import { PeopleService } from '../people/people.service';
import { FilesService } from '../files/files.service';
import { formatDate } from './format';
import { Clock } from '../common/clock';
import { STAFF_ROLES } from '../access/roles';
import { VOTE_LABELS, VoteChoice } from '../council/council.entity';
import { CouncilService } from '../council/council.service';
import { WebPages } from './web-pages';
import { asList, isUuid } from './web-forms';

/** A nominee form sent back: what was typed and the error of each field. */
export interface NomineeFormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

/** A step's form sent back (supplement, appraisal): what was chosen and the errors by place. */
export interface StepFormState {
  action: DossierAction;
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

interface PageState {
  problem?: string | null;
  stepForm?: StepFormState;
  search?: string;
  nomineeForm?: NomineeFormState | null;
  /** A file uploaded by a document form that was refused for another reason: offered again. */
  keptFile?: string;
}

/** Steps to these end a dossier without an award: they look apart from the way forward. */
const ENDINGS: readonly DossierStatus[] = [
  DossierStatus.Refused,
  DossierStatus.Withdrawn,
  DossierStatus.Discarded,
];

/** How the dossier page introduces what a rule says of a nominee. */
const RULE_LABELS: Record<RuleKind, string> = {
  REFUSE: 'Không đủ điều kiện:',
  HOLD: 'Chờ kết luận:',
  WARN: 'Lưu ý:',
  ATTEST: 'Cần xác nhận:',
};

/** Steps that have a form of their own on the dossier page. */
export const FORM_STEPS: DossierAction[] = ['request_supplement', 'appraise'];

/**
 * The dossier page, for every role: what the dossier is, the steps it allows
 * the user, and for the unit officer what it still needs and the forms to add
 * it. Shared by the controllers that show it and those whose forms come back.
 */
@Injectable()
export class DossierPage {
  constructor(
    private readonly pages: WebPages,
    private readonly dossiers: DossiersService,
    private readonly people: PeopleService,
    private readonly awards: AwardsService,
    private readonly files: FilesService,
    private readonly clock: Clock,
    private readonly council: CouncilService,
  ) {}

  async render(actor: Actor, id: string, csrf: string, state: PageState = {}) {
    const { problem = null, search = '', nomineeForm = null, keptFile, stepForm } = state;
    // What a refused step form had chosen, to show it again with its errors.
    const sent = (action: DossierAction) =>
      stepForm?.action === action
        ? stepForm
        : { values: {} as Record<string, unknown>, errors: {} as Record<string, string> };
    const supplementSent = sent('request_supplement');
    const appraiseSent = sent('appraise');
    const asked = asList(supplementSent.values.items);
    const d = await this.dossiers.detail(actor, id);
    const editable =
      actor.role === Role.UnitOfficer &&
      [DossierStatus.Draft, DossierStatus.SupplementRequested].includes(d.status);
    const edit = editable && (await this.editing(actor, d, search, nomineeForm, keptFile));
    // For each person nominated, what the eligibility rules say today (with the article):
    // the unit is warned while it prepares the dossier, staff see it when they appraise and decide.
    const cases = await this.people.casesOf(
      d.nominees.map((n) => n.personId).filter((x): x is string => !!x),
    );
    const today = this.clock.today();
    // Ratings of this year and the one before, for the rules over consecutive years.
    const year = Number(today.slice(0, 4));
    const personIds = d.nominees.map((n) => n.personId).filter((x): x is string => !!x);
    const ratings = (
      await Promise.all([year - 1, year].map((y) => this.people.ratingsOf(personIds, y)))
    ).flat();
    const rulesOf = (n: (typeof d.nominees)[number]) =>
      n.personId
        ? [
            ...caseRules(
              cases.filter((c) => c.personId === n.personId),
              today,
            ),
            ...historyRules(
              n.awardForm?.lawTitle ?? null,
              n.kind,
              ratings.filter((r) => r.personId === n.personId),
              year,
            ),
          ]
        : [];
    return this.pages.page(
      actor,
      'dossier',
      `Hồ sơ: ${d.title}`,
      {
        problem,
        dossier: {
          id: d.id,
          title: d.title,
          version: d.version,
          status: d.status,
          statusLabel: d.statusLabel,
          unitName: d.unit?.name ?? '',
          dueOn: formatDate(d.appraisalDueOn),
          overdue: d.overdue,
        },
        // Drafts of its documents, filled with what the system knows (DraftsService).
        drafts: [Role.UnitOfficer, Role.HomeAffairs].includes(actor.role) && {
          nominees: d.nominees.map((n) => ({ id: n.id, name: n.displayName })),
        },
        nominees: d.nominees.map((n) => ({
          id: n.id,
          name: n.displayName,
          form: n.awardForm?.name ?? '',
          // The level above's decision, once recorded, beside the outcome it made.
          outcome: n.higherDecision
            ? `${n.outcomeLabel} (Quyết định số ${n.higherDecision.number} ngày ${formatDate(n.higherDecision.date)} của ${n.higherDecision.decidedBy})`
            : n.outcomeLabel,
          // Its file, for the unit as for staff (FilesService shares it with the proposing unit).
          decisionHref: n.higherDecision?.fileId ? `/tep/${n.higherDecision.fileId}` : null,
          // The unit's indicator result in the dossier's round, as appraisal needs it.
          flag: n.flagged ? n.flagReason : null,
          rules: rulesOf(n).map((r) => ({
            refuse: r.kind === 'REFUSE',
            label: RULE_LABELS[r.kind],
            message: r.message,
          })),
          // The conditions the appraiser judges: confirmed with the reason, or still to confirm.
          attest: STAFF_ROLES.includes(actor.role)
            ? attestRules(n.awardForm?.lawTitle ?? null, n.kind).map((r) => {
                const done = n.attestations?.[r.rule];
                return {
                  rule: r.rule,
                  message: r.message,
                  citation: r.citation,
                  confirmed: done
                    ? `${done.reason} (${done.by}, ${formatDate(done.at.slice(0, 10))})`
                    : null,
                  canConfirm:
                    actor.role === Role.HomeAffairs && d.status === DossierStatus.UnderAppraisal,
                };
              })
            : [],
        })),
        edit,
        council: await this.councilView(actor, d.id, d.status),
        missing: d.missing.map((m) => m.message),
        documents: d.documents.map((doc) => ({
          kind: doc.kindLabel,
          name: doc.file?.originalName ?? '',
          href: doc.file ? `/tep/${doc.file.id}` : null,
        })),
        asked: d.status === DossierStatus.SupplementRequested ? d.supplementItems : [],
        // Nominees of a higher level's form, proposed and through the council where needed.
        forward:
          actor.role === Role.HomeAffairs
            ? d.nominees
                .filter(toForward)
                .map((n) => ({ id: n.id, name: n.displayName, form: n.awardForm?.name ?? '' }))
            : [],
        // Once the dossier is closed here, Home Affairs records the level above's decision.
        higher:
          NOMINEE_MOVES.higher_award.roles!.includes(actor.role) &&
          [DossierStatus.Forwarded, DossierStatus.Decided].includes(d.status)
            ? d.nominees
                .filter((n) => n.outcome === NomineeOutcome.Forwarded)
                .map((n) => ({ id: n.id, name: n.displayName, form: n.awardForm?.name ?? '' }))
            : [],
        // The chairman may refuse one nominee awaiting a decision, with the reason.
        refuse: NOMINEE_MOVES.refuse.roles!.includes(actor.role)
          ? d.nominees
              .filter((n) => n.outcome === NomineeOutcome.AwaitingDecision)
              .map((n) => ({ id: n.id, name: n.displayName, form: n.awardForm?.name ?? '' }))
          : [],
        // The forward form's default date: today in Vietnam.
        today: this.clock.today(),
        history: d.history.map((h) => ({
          at: formatDate(h.at),
          who: h.actorName,
          label: h.toLabel,
          comment: h.comment,
        })),
        actions: d.allowedActions
          .filter((a: DossierAction) => !FORM_STEPS.includes(a))
          .map((a: DossierAction) => {
            const { label, commentRequired, to } = WORKFLOW[a];
            const ending = ENDINGS.includes(to);
            return {
              action: a,
              label,
              commentRequired,
              ending,
              // An ending step with no reason to write would be one click: a tick first.
              confirm:
                ending && !commentRequired
                  ? `Tôi chắc chắn muốn ${label.toLocaleLowerCase('vi')}: không hoàn tác được.`
                  : null,
            };
          }),
        // Steps with a form of their own: what is missing, and a result per nominee.
        supplement: d.allowedActions.includes('request_supplement') && {
          checklist: [
            'Tờ trình đề nghị khen thưởng',
            'Biên bản họp xét khen thưởng',
            ...d.nominees.map((n) => `Báo cáo thành tích của ${n.displayName}`),
          ].map((text, i) => ({ text, id: `muc-${i}`, checked: asked.includes(text) })),
          other: text(supplementSent.values.other),
          comment: text(supplementSent.values.comment),
          errors: supplementSent.errors,
        },
        appraise: d.allowedActions.includes('appraise') && {
          errors: appraiseSent.errors,
          nominees: d.nominees.map((n) => ({
            id: n.id,
            name: n.displayName,
            form: n.awardForm?.name ?? '',
            proposed: appraiseSent.values[`result_${n.id}`] === 'proposed',
            notProposed: appraiseSent.values[`result_${n.id}`] === 'not_proposed',
            reason: text(appraiseSent.values[`reason_${n.id}`]),
            error: appraiseSent.errors[n.id] ?? null,
          })),
        },
      },
      csrf,
    );
  }

  /**
   * The council's part: a member's ballot while the session is open (each
   * nominee, the member's vote or the choices, recusal where it is due), and
   * for staff the tallies of the last closed session with its minute.
   */
  private async councilView(actor: Actor, dossierId: string, status: DossierStatus) {
    if (!STAFF_ROLES.includes(actor.role)) return { ballot: null, result: null };
    const ballot =
      actor.role === Role.CouncilMember && status === DossierStatus.CouncilVoting
        ? await this.council.ballot(actor, dossierId)
        : null;
    const closed = (await this.council.sessions(actor, dossierId)).filter((s) => s.minutes).at(-1);
    return {
      ballot: ballot && {
        isMember: ballot.isMember,
        members: ballot.members,
        lines: ballot.lines.map((l) => ({
          ...l,
          myVoteLabel: l.myVote && VOTE_LABELS[l.myVote],
          choices: [VoteChoice.Agree, VoteChoice.Disagree, VoteChoice.Abstain].map((c) => ({
            value: c,
            label: VOTE_LABELS[c],
          })),
        })),
      },
      result: closed?.minutes && {
        closedOn: formatDate(closed.closedAt),
        lines: closed.minutes.lines,
      },
    };
  }

  /** What the unit officer needs to complete a dossier: its people, the award forms, the document kinds. */
  private async editing(
    actor: Actor,
    d: { nominees: { id: string; displayName: string }[] },
    search: string,
    nomineeForm: NomineeFormState | null,
    keptFile: string | undefined,
  ) {
    const v = nomineeForm?.values ?? {};
    // Only a file of the actor's own scope is offered again (the files service checks).
    const kept = isUuid(keptFile)
      ? await this.files.describe(actor, keptFile).catch(() => null)
      : null;
    // Found by name with or without diacritics ("nguyen thi huong"), as in the API.
    const people = await this.people.list(actor, {
      limit: 100,
      offset: 0,
      sort: 'name',
      order: 'asc',
      ...(search.trim() ? { q: search.trim().slice(0, 100) } : {}),
    } as never);
    const forms = (await this.awards.list(actor)).filter((f) => f.active);
    return {
      kinds: Object.values(RecipientKind).map((k, i) => ({
        value: k,
        label: RECIPIENT_KIND_LABELS[k],
        checked: v.kind ? v.kind === k : i === 0,
      })),
      people: people.items.map((p) => ({
        id: p.id,
        label: `${p.fullName}${p.position ? ` · ${p.position}` : ''}`,
        selected: v.personId === p.id,
      })),
      awardForms: forms.map((f) => ({
        id: f.id,
        label: `${f.name} (${f.recipientKinds.map((k) => RECIPIENT_KIND_LABELS[k].toLowerCase()).join(', ')})`,
        selected: v.awardFormId === f.id,
      })),
      // A refused nominee form comes back with what was typed and each error beside its field.
      nomineeForm: {
        open: !!nomineeForm,
        household: typeof v.household === 'string' ? v.household : '',
        achievementSummary: typeof v.achievementSummary === 'string' ? v.achievementSummary : '',
        errors: nomineeForm?.errors ?? {},
      },
      documentKinds: Object.values(DocumentKind).map((k) => ({
        value: k,
        label: DOCUMENT_KIND_LABELS[k],
      })),
      nominees: d.nominees.map((n) => ({ id: n.id, name: n.displayName })),
      keptFile: kept && { id: kept.id, name: kept.originalName },
      search,
      found: people.total,
    };
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
