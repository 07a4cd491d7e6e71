import { Actor } from '../../src/access/actor';
import { Db } from '../../src/database/transactions';
import { DossierWorkflowService } from '../../src/dossiers/dossier-workflow.service';
import { DossierAction, TERMINAL_STATUSES, WORKFLOW } from '../../src/dossiers/workflow';
import { seedDemo } from '../support/actors';
import { actors, lookups, uploadPdf } from '../support/workflow-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Walks the workflow with every combination of one or two nominee fates and
 * checks, at every status reached, that (1) what each role is offered really
 * succeeds (tried in a transaction that is rolled back) and (2) a dossier that
 * is not final offers someone a way on; then takes the offered way to a final
 * status, where no nominee is left pending.
 */
type Fate =
  | 'here'
  | 'here_refused'
  | 'here_vote_pass'
  | 'here_vote_fail'
  | 'up'
  | 'up_vote_pass'
  | 'up_vote_fail'
  | 'not_proposed';
const FATES: Fate[] = [
  'here',
  // Refused on its own by the chairman while awaiting the decision.
  'here_refused',
  'here_vote_pass',
  'here_vote_fail',
  'up',
  'up_vote_pass',
  'up_vote_fail',
  'not_proposed',
];

const ROLLBACK = new Error('rollback');

describe('workflow paths: every combination of nominee fates reaches a final status', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let forms: Record<'here' | 'hereVote' | 'up' | 'upVote', string>;
  const staff: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    as = await actors(t);
    await lookups(t);
    const form = async (code: string, decidedBy: string, voteRequired: boolean) =>
      (
        await as.admin
          .post('/api/award-forms')
          .send({
            code,
            name: `Hình thức thử ${code}`,
            recipientKinds: ['household'],
            commendationKinds: ['ad_hoc'],
            decidedBy,
            voteRequired,
            ...(voteRequired ? { voteQuorum: 0.5, voteApproval: 0.5 } : {}),
            procedure: 'simplified',
            moneyMultiplier: 0.1,
          })
          .expect(201)
      ).body.id as string;
    forms = {
      here: await form('TH-HERE', 'this_authority', false),
      hereVote: await form('TH-HERE-VOTE', 'this_authority', true),
      up: await form('TH-UP', 'higher_level', false),
      upVote: await form('TH-UP-VOTE', 'higher_level', true),
    };
    const users = await t.dataSource.query(
      `SELECT id, username, role, authority_id, unit_id FROM users WHERE username IN ('noivu', 'chutich', 'hungdao')`,
    );
    for (const u of users)
      staff[u.username] = {
        userId: u.id,
        username: u.username,
        role: u.role,
        authorityId: u.authority_id,
        unitId: u.unit_id,
        sessionId: 'workflow-paths',
        mustChangePassword: false,
        requestId: null,
      };
  });
  afterAll(() => t.close());

  const formOf = (f: Fate) =>
    f.startsWith('here') || f === 'not_proposed'
      ? f.includes('vote')
        ? forms.hereVote
        : forms.here
      : f.includes('vote')
        ? forms.upVote
        : forms.up;

  /** A step's input when taken in the walk: a comment where the map asks for one. */
  const inputFor = (action: DossierAction) =>
    WORKFLOW[action].commentRequired ? { comment: 'Lý do kiểm thử đường đi.' } : {};

  /** Takes `action` as `who` inside a transaction that is rolled back; returns the error, if any. */
  async function dryRun(who: string, id: string, action: DossierAction): Promise<unknown> {
    const workflow = t.app.get(DossierWorkflowService);
    try {
      await t.app.get(Db).withTransaction(async () => {
        await workflow.transition(staff[who], id, action, inputFor(action));
        throw ROLLBACK;
      });
    } catch (e) {
      return e === ROLLBACK ? null : e;
    }
    return new Error('transaction committed');
  }

  const combos: Fate[][] = [];
  FATES.forEach((a, i) => {
    combos.push([a]);
    FATES.slice(i).forEach((b) => combos.push([a, b]));
  });

  it(`${combos.length} combinations: offered steps succeed, no dead end, nothing left pending`, async () => {
    const roles = { noivu: as.noivu, chutich: as.chutich, hungdao: as.hungdao } as const;
    let checked = 0;
    for (const [c, fates] of combos.entries()) {
      const label = fates.join('+');
      const dossier = (
        await as.hungdao
          .post('/api/dossiers')
          .send({ title: `Thử đường đi ${label}`, commendationKind: 'ad_hoc' })
          .expect(201)
      ).body;
      const id: string = dossier.id;
      const nominees: { id: string; fate: Fate }[] = [];
      for (const [i, fate] of fates.entries()) {
        const n = (
          await as.hungdao
            .post(`/api/dossiers/${id}/nominees`)
            .send({
              kind: 'household',
              household: `Hộ thử ${c}-${i}, thôn Đông`,
              awardFormId: formOf(fate),
              achievementSummary: 'Tích cực tham gia chuyển đổi số tại địa phương.',
            })
            .expect(201)
        ).body;
        nominees.push({ id: n.id, fate });
      }
      await as.hungdao
        .post(`/api/dossiers/${id}/documents`)
        .send({ kind: 'proposal_letter', fileId: await uploadPdf(as.hungdao, 'Tờ trình.pdf') })
        .expect(201);
      await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
      await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);
      await as.noivu
        .post(`/api/dossiers/${id}/appraise`)
        .send({
          results: nominees.map((n) =>
            n.fate === 'not_proposed'
              ? { nomineeId: n.id, result: 'not_proposed', reason: 'Chưa đủ tiêu chuẩn.' }
              : { nomineeId: n.id, result: 'proposed' },
          ),
        })
        .expect(200);

      for (let steps = 0; ; steps++) {
        expect({ label, steps: steps < 10 }).toEqual({ label, steps: true });
        const views = Object.fromEntries(
          await Promise.all(
            Object.entries(roles).map(
              async ([who, r]) =>
                [who, (await r.get(`/api/dossiers/${id}`).expect(200)).body] as const,
            ),
          ),
        );
        const status = views.noivu.status;
        const forwardable = views.noivu.nominees.filter(
          (n: { outcome: string; appraisal: string; awardFormId: string }) =>
            n.outcome === 'pending' &&
            n.appraisal === 'proposed' &&
            [forms.up, forms.upVote].includes(n.awardFormId) &&
            status === 'appraised' &&
            (n.awardFormId === forms.up ||
              (n as { voteOutcome?: string }).voteOutcome === 'passed'),
        );
        // Every offered step succeeds.
        for (const [who, view] of Object.entries(views))
          for (const action of view.allowedActions as DossierAction[]) {
            const error = await dryRun(who, id, action);
            expect({ label, status, who, action, error }).toEqual({
              label,
              status,
              who,
              action,
              error: null,
            });
            checked++;
          }
        const offered = Object.values(views).flatMap((v) => v.allowedActions);
        if (TERMINAL_STATUSES.includes(status)) {
          expect({ label, offered }).toEqual({ label, offered: [] });
          const pending = views.noivu.nominees.filter(
            (n: { outcome: string }) =>
              n.outcome === 'pending' || n.outcome === 'awaiting_decision',
          );
          expect({ label, pending }).toEqual({ label, pending: [] });
          break;
        }
        // Not final: someone can move it on.
        expect({ label, status, way: offered.length + forwardable.length > 0 }).toEqual({
          label,
          status,
          way: true,
        });

        // Take the way a real office would.
        if (status === 'council_voting') {
          for (const n of nominees.filter((x) => x.fate.includes('vote'))) {
            const choice = n.fate.endsWith('pass') ? 'agree' : 'disagree';
            await as.hoidong2
              .post(`/api/dossiers/${id}/votes`)
              .send({ nomineeId: n.id, choice: 'recused' })
              .expect(201);
            for (const member of [as.hoidong, as.hoidong3])
              await member
                .post(`/api/dossiers/${id}/votes`)
                .send({ nomineeId: n.id, choice })
                .expect(201);
          }
          await as.noivu.post(`/api/dossiers/${id}/close-vote`).send({}).expect(200);
        } else if (forwardable.length) {
          for (const n of forwardable)
            await as.noivu
              .post(`/api/dossiers/${id}/nominees/${n.id}/forward`)
              .send({ reference: 'Tờ trình số 12/TTr-UBND', forwardedOn: '2026-11-20' })
              .expect(200);
        } else if (
          status === 'awaiting_decision' &&
          nominees.some(
            (n) =>
              n.fate === 'here_refused' &&
              views.chutich.nominees.find((x: { id: string }) => x.id === n.id).outcome ===
                'awaiting_decision',
          )
        ) {
          for (const n of nominees.filter((x) => x.fate === 'here_refused'))
            await as.chutich
              .post(`/api/dossiers/${id}/nominees/${n.id}/refuse`)
              .send({ reason: 'Chưa đủ tiêu chuẩn khen thưởng.' })
              .expect(200);
        } else if (status === 'awaiting_decision') {
          const draft = await as.chutich
            .post('/api/decisions')
            .send({ dossierIds: [id] })
            .expect(201);
          await as.chutich.post(`/api/decisions/${draft.body.id}/issue`).send({}).expect(200);
        } else {
          const action = views.noivu.allowedActions[0] as DossierAction;
          const path = `/api/dossiers/${id}/${action.replace(/_/g, '-')}`;
          await as.noivu.post(path).send(inputFor(action)).expect(200);
        }
      }
    }
    expect(checked).toBeGreaterThan(combos.length);
  });
});
