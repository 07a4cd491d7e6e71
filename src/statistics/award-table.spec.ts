import { RecipientKind } from '../awards/award-form.entity';
import { AwardFigure, awardTable } from './statistics.service';

const figure = (
  title: string,
  kind: RecipientKind,
  count: number,
  amount: number,
): AwardFigure => ({
  form: `${title} (${kind})`,
  title,
  kind,
  kindLabel: kind,
  count,
  amount,
});

describe('awardTable: the statistical forms’ table of awards', () => {
  it('puts a title on one line with a column per subject kind, and ends with the totals', () => {
    const rows = awardTable([
      figure('Giấy khen', RecipientKind.Individual, 5, 3_510_000),
      figure('Giấy khen', RecipientKind.Collective, 2, 2_808_000),
      figure('Danh hiệu "Lao động tiên tiến"', RecipientKind.Individual, 40, 0),
      figure('Giấy khen', RecipientKind.Household, 1, 702_000),
    ]);
    expect(rows).toEqual([
      {
        title: 'Giấy khen',
        counts: { collective: 2, individual: 5, household: 1 },
        total: 8,
        amount: 7_020_000,
      },
      {
        title: 'Danh hiệu "Lao động tiên tiến"',
        counts: { collective: 0, individual: 40, household: 0 },
        total: 40,
        amount: 0,
      },
      {
        title: 'Tổng cộng',
        counts: { collective: 2, individual: 45, household: 1 },
        total: 48,
        amount: 7_020_000,
      },
    ]);
  });

  it('has only the total line, of zeros, for a year without awards', () => {
    expect(awardTable([])).toEqual([
      {
        title: 'Tổng cộng',
        counts: { collective: 0, individual: 0, household: 0 },
        total: 0,
        amount: 0,
      },
    ]);
  });
});
