import { CriterionType } from '../movements/movement.entity';
import { evaluateValue, summarize } from './evaluation';
import { EvaluationResult } from './report.entity';

const { Met, NotMet, Pending } = EvaluationResult;

describe('evaluateValue', () => {
  const percent80 = { type: CriterionType.Percentage, threshold: 80 };

  it.each([
    [79.9, NotMet],
    [80, Met],
    [80.1, Met],
    [0, NotMet],
    [100, Met],
  ])('percentage ≥ 80%%: %p is %p', (n, expected) => {
    expect(evaluateValue(percent80, { number: n, achieved: null })).toBe(expected);
  });

  it('count with a minimum, yes/no and qualitative', () => {
    const count3 = { type: CriterionType.Count, threshold: 3 };
    expect(evaluateValue(count3, { number: 2, achieved: null })).toBe(NotMet);
    expect(evaluateValue(count3, { number: 3, achieved: null })).toBe(Met);
    const yes = { type: CriterionType.Boolean, threshold: null };
    expect(evaluateValue(yes, { number: null, achieved: true })).toBe(Met);
    expect(evaluateValue(yes, { number: null, achieved: false })).toBe(NotMet);
    expect(
      evaluateValue(
        { type: CriterionType.Qualitative, threshold: null },
        { number: null, achieved: null },
      ),
    ).toBe(Pending);
  });
});

describe('summarize', () => {
  it('fails on any mandatory criterion not met, waits on pending ones, weights the score', () => {
    expect(
      summarize([
        { mandatory: true, weight: 2, result: Met },
        { mandatory: false, weight: 1, result: NotMet },
      ]),
    ).toEqual({ overall: Met, score: 66.67 });
    expect(
      summarize([
        { mandatory: true, weight: 1, result: Met },
        { mandatory: true, weight: 1, result: NotMet },
      ]),
    ).toEqual({ overall: NotMet, score: 50 });
    expect(
      summarize([
        { mandatory: true, weight: 1, result: Pending },
        { mandatory: true, weight: 3, result: Met },
      ]),
    ).toEqual({ overall: Pending, score: 75 });
    expect(
      summarize([
        { mandatory: true, weight: 1, result: Pending },
        { mandatory: true, weight: 1, result: NotMet },
      ]).overall,
    ).toBe(NotMet);
  });
});
