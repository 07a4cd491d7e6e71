import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../common/entities';

/**
 * The award fund (quỹ thi đua, khen thưởng) an authority sets aside for a
 * year: what its issued decisions commit, and its revocations release, are
 * read from the decisions themselves (FundService.statement).
 */
@Entity('fund_allocations')
@Index(['authorityId', 'year'], { unique: true })
export class FundAllocation extends BaseRecord {
  @Column('uuid')
  authorityId!: string;

  @Column('smallint')
  year!: number;

  /** VND set aside for the year. */
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amount!: number;

  /** The document that allocates it: "Quyết định số 05/QĐ-UBND ngày 10/01/2027 giao dự toán". */
  @Column({ length: 300 })
  reference!: string;
}
