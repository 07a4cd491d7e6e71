import { CriterionType } from '../movements/movement.entity';
import { EvaluationResult } from './report.entity';

export interface CriterionRule {
  type: CriterionType;
  threshold: number | null;
}

export interface GivenValue {
  number: number | null;
  achieved: boolean | null;
}

/** What the thresholds say of one value; qualitative criteria await a reviewer. */
export function evaluateValue(rule: CriterionRule, value: GivenValue): EvaluationResult {
  switch (rule.type) {
    case CriterionType.Percentage:
    case CriterionType.Count:
      return value.number !== null && rule.threshold !== null && value.number >= rule.threshold
        ? EvaluationResult.Met
        : EvaluationResult.NotMet;
    case CriterionType.Boolean:
      return value.achieved === true ? EvaluationResult.Met : EvaluationResult.NotMet;
    case CriterionType.Qualitative:
      return EvaluationResult.Pending;
  }
}

export interface EvaluatedItem {
  mandatory: boolean;
  weight: number;
  result: EvaluationResult;
}

/**
 * The unit's overall result: not met if any mandatory criterion is not met,
 * pending while a mandatory one awaits judgement, met otherwise. The score is
 * the weighted share of criteria met, 0-100.
 */
export function summarize(items: EvaluatedItem[]): { overall: EvaluationResult; score: number } {
  const mandatory = items.filter((i) => i.mandatory);
  const overall = mandatory.some((i) => i.result === EvaluationResult.NotMet)
    ? EvaluationResult.NotMet
    : mandatory.some((i) => i.result === EvaluationResult.Pending)
      ? EvaluationResult.Pending
      : EvaluationResult.Met;
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  const met = items
    .filter((i) => i.result === EvaluationResult.Met)
    .reduce((sum, i) => sum + i.weight, 0);
  return { overall, score: total > 0 ? Math.round((met / total) * 10000) / 100 : 0 };
}
