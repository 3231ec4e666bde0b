import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  VersionColumn,
} from 'typeorm';

export type AssessmentStatus = 'draft' | 'submitted';

/**
 * A danger assessment of one case on one pinned questionnaire version. Answers, the explained result
 * and the override's justification are sealed like the victim file; the levels stay clear for
 * worklists, recommendations and follow-up rules.
 */
@Entity('assessment')
@Index('assessment_case_idx', ['caseId', 'createdAt'])
@Check('assessment_status_check', `"status" IN ('draft', 'submitted')`)
export class Assessment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  // Foreign keys only: services read cases and questionnaires through their own modules.
  @ManyToOne('CaseFile')
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'assessment_case_fk' })
  caseFile?: never;

  @ManyToOne('QuestionnaireVersion')
  @JoinColumn({
    name: 'questionnaire_hash',
    foreignKeyConstraintName: 'assessment_questionnaire_fk',
  })
  questionnaireVersionRow?: never;

  @ManyToOne(() => Assessment)
  @JoinColumn({
    name: 'previous_assessment_id',
    foreignKeyConstraintName: 'assessment_previous_fk',
  })
  previous?: never;

  @ManyToOne(() => Assessment)
  @JoinColumn({ name: 'superseded_by', foreignKeyConstraintName: 'assessment_superseded_fk' })
  successor?: never;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'questionnaire_id', type: 'varchar', length: 64 })
  questionnaireId!: string;

  @Column({ name: 'questionnaire_version', type: 'varchar', length: 32 })
  questionnaireVersion!: string;

  @Column({ name: 'questionnaire_hash', type: 'char', length: 64 })
  questionnaireHash!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AssessmentStatus;

  @Column({ name: 'answers_sealed', type: 'text' })
  answersSealed!: string;

  @Column({ name: 'result_sealed', type: 'text', nullable: true })
  resultSealed!: string | null;

  @Column({
    type: 'numeric',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  score!: number | null;

  @Column({ name: 'computed_level', type: 'varchar', length: 64, nullable: true })
  computedLevel!: string | null;

  /** The level in force: the override's if any, else the computed one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  level!: string | null;

  @Column({ name: 'level_rank', type: 'smallint', nullable: true })
  levelRank!: number | null;

  @Column({ name: 'level_count', type: 'smallint', nullable: true })
  levelCount!: number | null;

  @Column({ type: 'boolean', nullable: true })
  incomplete!: boolean | null;

  @Column({ name: 'override_level', type: 'varchar', length: 64, nullable: true })
  overrideLevel!: string | null;

  @Column({ name: 'override_justification_sealed', type: 'text', nullable: true })
  overrideJustificationSealed!: string | null;

  @Column({ name: 'overridden_by', type: 'varchar', length: 200, nullable: true })
  overriddenBy!: string | null;

  /** The overrider's name when their sign-in gave one: the report names them. */
  @Column({ name: 'overridden_by_name', type: 'varchar', length: 200, nullable: true })
  overriddenByName!: string | null;

  @Column({ name: 'overridden_at', type: 'timestamptz', precision: 3, nullable: true })
  overriddenAt!: Date | null;

  /** The case's latest submitted assessment when this one was submitted: the trend's reference. */
  @Column({ name: 'previous_assessment_id', type: 'uuid', nullable: true })
  previousAssessmentId!: string | null;

  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200, nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
