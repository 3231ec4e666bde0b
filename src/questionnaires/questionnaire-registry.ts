import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '../common/clock';
import { NotFoundProblem } from '../common/problems';
import { LoadedQuestionnaire } from './domain/definition';
import { compareVersions } from './domain/load-questionnaires';
import { QuestionnaireScorer } from './domain/scorer';
import { QuestionnaireVersion } from './questionnaire-version.entity';

/** The definitions read from RULES_DIR at start-up (a broken file has already stopped start-up). */
export const LOADED_QUESTIONNAIRES = Symbol('LOADED_QUESTIONNAIRES');

/**
 * The questionnaires on file, and every version ever loaded (kept in the database by hash), each
 * with a scorer built once. Assessments pin a hash, so a file edited or removed since never changes
 * an old result nor strands a draft.
 */
@Injectable()
export class QuestionnaireRegistry implements OnModuleInit {
  private readonly byHash = new Map<string, LoadedQuestionnaire>();
  private readonly scorers = new Map<string, QuestionnaireScorer>();

  constructor(
    @Inject(LOADED_QUESTIONNAIRES) private readonly onFile: LoadedQuestionnaire[],
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    for (const loaded of onFile) this.byHash.set(loaded.hash, loaded);
  }

  async onModuleInit(): Promise<void> {
    for (const loaded of this.onFile) {
      await this.db.query(
        `INSERT INTO questionnaire_version (hash, questionnaire_id, version, definition, first_loaded_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING`,
        [
          loaded.hash,
          loaded.definition.id,
          loaded.definition.version,
          loaded.definition,
          this.clock.now(),
        ],
      );
    }
  }

  /** The latest version on file of each questionnaire. */
  current(): LoadedQuestionnaire[] {
    const latest = new Map<string, LoadedQuestionnaire>();
    for (const loaded of this.onFile) {
      const known = latest.get(loaded.definition.id);
      if (!known || compareVersions(loaded.definition.version, known.definition.version) > 0) {
        latest.set(loaded.definition.id, loaded);
      }
    }
    return [...latest.values()].sort((a, b) => a.definition.id.localeCompare(b.definition.id));
  }

  /** A version on file: the given one, or the latest. */
  onFileVersion(id: string, version?: string): LoadedQuestionnaire {
    const found = version
      ? this.onFile.find((q) => q.definition.id === id && q.definition.version === version)
      : this.current().find((q) => q.definition.id === id);
    if (!found) {
      throw new NotFoundProblem(
        `Questionnaire ${id}${version ? ` version ${version}` : ''} was not found.`,
      );
    }
    return found;
  }

  /**
   * A pinned version, from the files or, once they changed, from the database. Inside a transaction,
   * pass its manager: a second connection would wait on the embedded database's transaction lock.
   */
  async pinned(
    hash: string,
    manager: EntityManager = this.db.manager,
  ): Promise<LoadedQuestionnaire> {
    const known = this.byHash.get(hash);
    if (known) return known;
    const row = await manager.getRepository(QuestionnaireVersion).findOneByOrFail({ hash });
    const loaded = { definition: row.definition, hash: row.hash, file: '(database)' };
    this.byHash.set(hash, loaded);
    return loaded;
  }

  scorer(loaded: LoadedQuestionnaire): QuestionnaireScorer {
    let scorer = this.scorers.get(loaded.hash);
    if (!scorer) {
      scorer = new QuestionnaireScorer(loaded);
      this.scorers.set(loaded.hash, scorer);
    }
    return scorer;
  }
}
