import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { QuestionnaireDefinition } from './domain/definition';

/**
 * Every questionnaire version the service has ever loaded, by content hash. Assessments pin a hash,
 * so an old result stays explainable and an old draft evaluable after its file changed or left.
 */
@Entity('questionnaire_version')
@Index('questionnaire_version_id_idx', ['questionnaireId', 'version'])
export class QuestionnaireVersion {
  @PrimaryColumn({ type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'questionnaire_id', type: 'varchar', length: 64 })
  questionnaireId!: string;

  @Column({ type: 'varchar', length: 32 })
  version!: string;

  /** The definition as scored (item weights expanded into rules). */
  @Column({ type: 'jsonb' })
  definition!: QuestionnaireDefinition;

  @Column({ name: 'first_loaded_at', type: 'timestamptz', precision: 3 })
  firstLoadedAt!: Date;
}
