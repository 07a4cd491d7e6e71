import { Role } from '../access/roles';
import { NomineeOutcome } from './dossier.entity';
import { NOMINEE_MOVES, validateNomineeMoves } from './nominee-outcomes';
import { offeredActions } from './step-conditions';
import { actionsFor, DossierStatus, Transition, validateWorkflow, WORKFLOW } from './workflow';

describe('dossier workflow map', () => {
  it('is valid', () => {
    expect(() => validateWorkflow()).not.toThrow();
  });

  it('refuses a map with an unreachable status or a dead end', () => {
    const broken: Record<string, Transition> = { ...WORKFLOW };
    delete broken.take;
    expect(() => validateWorkflow(broken)).toThrow(/under_appraisal: unreachable from draft/);
    const dead: Record<string, Transition> = { ...WORKFLOW };
    delete dead.refuse;
    delete dead.decide;
    expect(() => validateWorkflow(dead)).toThrow(/awaiting_decision: dead end/);
  });

  it('refuses a step taken from the queue that needs a comment', () => {
    const commented: Record<string, Transition> = {
      ...WORKFLOW,
      send_to_council: { ...WORKFLOW.send_to_council, commentRequired: true },
    };
    expect(() => validateWorkflow(commented)).toThrow(
      /send_to_council: taken from the queue, it must need no comment/,
    );
  });

  it('gives each role only its own steps', () => {
    expect(actionsFor(DossierStatus.Draft, Role.UnitOfficer)).toEqual(['submit', 'discard']);
    expect(actionsFor(DossierStatus.Submitted, Role.UnitOfficer)).toEqual(['withdraw']);
    expect(actionsFor(DossierStatus.Draft, Role.HomeAffairs)).toEqual([]);
    expect(actionsFor(DossierStatus.UnderAppraisal, Role.HomeAffairs)).toEqual([
      'request_supplement',
      'reject',
      'appraise',
    ]);
    expect(actionsFor(DossierStatus.AwaitingDecision, Role.Chairman)).toEqual(['refuse', 'decide']);
    // `decide` is taken by issuing a decision, not offered on the dossier.
    expect(
      offeredActions(DossierStatus.AwaitingDecision, Role.Chairman, [
        {
          displayName: 'Nguyễn Thị Hường',
          appraisal: null,
          outcome: 'awaiting_decision' as never,
          voteOutcome: null,
        },
      ]),
    ).toEqual(['refuse']);
    expect(actionsFor(DossierStatus.Decided, Role.Chairman)).toEqual([]);
  });
});

describe('nominee outcome map', () => {
  it('is valid', () => {
    expect(() => validateNomineeMoves()).not.toThrow();
  });

  it('refuses an unreachable outcome and a final outcome that is left', () => {
    const { decide: _decide, ...noDecide } = NOMINEE_MOVES;
    expect(() => validateNomineeMoves(noDecide)).toThrow(/decided: unreachable from pending/);
    expect(() =>
      validateNomineeMoves({
        ...NOMINEE_MOVES,
        reopen: { from: [NomineeOutcome.Decided], to: NomineeOutcome.Pending },
      }),
    ).toThrow(/decided: final but left/);
  });
});
