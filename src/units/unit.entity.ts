import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Authority } from '../authorities/authority.entity';
import { BaseRecord } from '../common/entities';

export enum UnitKind {
  Department = 'department',
  Commune = 'commune',
  Enterprise = 'enterprise',
  MassOrganisation = 'mass_organisation',
  OtherAgency = 'other_agency',
}

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  [UnitKind.Department]: 'Phòng, ban, ngành',
  [UnitKind.Commune]: 'Xã, thị trấn',
  [UnitKind.Enterprise]: 'Doanh nghiệp',
  [UnitKind.MassOrganisation]: 'Mặt trận Tổ quốc, đoàn thể',
  [UnitKind.OtherAgency]: 'Cơ quan, đơn vị khác',
};

export enum ClusterKind {
  Cluster = 'cluster',
  Block = 'block',
}

/** Columns shared by an authority's coded records (units, clusters). */
abstract class AuthorityCodedRecord extends BaseRecord {
  @Column('uuid')
  authorityId!: string;

  @ManyToOne(() => Authority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id' })
  authority?: Authority;

  @Column({ length: 40 })
  code!: string;

  @Column({ length: 200 })
  name!: string;
}

/** An emulation cluster or block (cụm, khối thi đua) grouping similar units. */
@Entity('emulation_clusters')
@Index(['authorityId', 'code'], { unique: true })
export class EmulationCluster extends AuthorityCodedRecord {
  @Column({ type: 'enum', enum: ClusterKind, enumName: 'cluster_kind' })
  kind!: ClusterKind;
}

/** A unit (đơn vị) of an authority; units form a tree. */
@Entity('units')
@Index(['authorityId', 'code'], { unique: true })
@Check('"parent_id" IS NULL OR "parent_id" <> "id"')
export class Unit extends AuthorityCodedRecord {
  /** Folded name (no diacritics, lower case) for search; see foldForSearch. */
  @Index('idx_units_search_name_trgm', { synchronize: false })
  @Column({ length: 200 })
  searchName!: string;

  @Column({ type: 'enum', enum: UnitKind, enumName: 'unit_kind' })
  kind!: UnitKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Unit;

  @Column({ type: 'uuid', nullable: true })
  clusterId!: string | null;

  @ManyToOne(() => EmulationCluster, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cluster_id' })
  cluster?: EmulationCluster;

  @Column({ default: true })
  active!: boolean;
}
