import type { Actor } from '../access/actor';
import type { Dossier } from './dossier.entity';

/**
 * What the workflow needs of the council (send_to_council, close_vote). The
 * council module registers itself (DossierWorkflowService.useCouncil), so it
 * depends on dossiers and dossiers does not depend on it.
 */
export interface CouncilPort {
  /** Opens the vote session of a dossier. */
  open(dossier: Dossier): Promise<unknown>;
  /** Closes it: the tallies per nominee, as the minute records them. */
  close(
    actor: Actor,
    dossier: Dossier,
  ): Promise<{ lines: { nomineeId: string; passed: boolean }[] }>;
}
