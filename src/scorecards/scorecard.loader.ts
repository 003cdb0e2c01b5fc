import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { noProgress, type Progress } from '../core/progress.js';
import {
  CRITERIA_VERSION,
  loadCriteriaSet,
  parseCorrectionsFile,
  type LoadedCriteriaSet,
} from './criteria.js';
import { saveCriteriaSet, saveScorecard, saveSectors } from './scorecard.repository.js';
import { SCORECARDS, SECTORS, type ScorecardInfo } from './taxonomy.js';

/** src/scorecards/ and dist/scorecards/ both sit two levels below the package root. */
export const CRITERIA_DIR = fileURLToPath(new URL('../../reference/ocop-criteria-148/', import.meta.url));

/** criteria_sets.id for a version: "7@148-2023". */
export function criteriaSetId(scorecardId: number, version: string = CRITERIA_VERSION): string {
  return `${scorecardId}@${version.replace(/\//g, '-')}`;
}

export interface LoadScorecardsResult {
  sectors: number;
  scorecards: number;
  /** Corrections applied over all sets. */
  corrections: number;
  /** The defects the transcription showed before its corrections, one line each. */
  defects: string[];
}

/**
 * Loads the 6 sectors, the 26 scorecards and their corrected criteria sets. Every set is parsed, corrected
 * and validated before anything is written, and the writes share one transaction: a defect anywhere leaves
 * the database as it was. Reloading the same files changes nothing.
 */
export async function loadScorecards(
  ctx: Ctx,
  options: { progress?: Progress; directory?: string } = {},
): Promise<LoadScorecardsResult> {
  const directory = options.directory ?? CRITERIA_DIR;
  const progress = options.progress ?? noProgress;
  const total = SCORECARDS.length + 1;
  const corrections = parseCorrectionsFile(parseJson(await readReference(directory, 'corrections.json')));
  const loaded: Array<{ info: ScorecardInfo; result: LoadedCriteriaSet }> = [];
  const refused: DomainError[] = [];
  for (const [i, info] of SCORECARDS.entries()) {
    const csvText = await readReference(directory, info.file);
    try {
      loaded.push({
        info,
        result: loadCriteriaSet(info.id, { csvText, corrections: corrections.corrections }),
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refused.push(e);
    }
    progress(i + 1, total, info.file);
  }
  if (refused.length) throw combine(refused);
  await inTransaction(ctx, (tx) => write(tx, loaded));
  progress(total, total, 'criteria_sets');
  return {
    sectors: SECTORS.length,
    scorecards: loaded.length,
    corrections: loaded.reduce((n, l) => n + l.result.applied.length, 0),
    defects: loaded.flatMap(({ info, result }) =>
      result.defects.map((d) => `${info.file} ${d.path} ${d.code}: ${d.message}`),
    ),
  };
}

async function write(ctx: Ctx, loaded: Array<{ info: ScorecardInfo; result: LoadedCriteriaSet }>) {
  await saveSectors(
    ctx,
    SECTORS.map((s) => ({ code: s.code, name_vi: s.nameVi, name_en: s.nameEn, position: s.position })),
  );
  for (const { info, result } of loaded) {
    const { version } = result.set;
    await saveScorecard(ctx, {
      id: info.id,
      sector_code: info.sectorCode,
      name_vi: info.nameVi,
      name_en: info.nameEn,
      current_version: version,
    });
    await saveCriteriaSet(ctx, {
      id: criteriaSetId(info.id, version),
      scorecard_id: info.id,
      version,
      content: JSON.stringify(result.set),
      corrections: JSON.stringify(result.applied),
    });
  }
}

async function readReference(directory: string, name: string): Promise<string> {
  const path = join(directory, name);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new DomainError(
      'invalid_reference_data',
      `Không đọc được tệp dữ liệu tham chiếu ${path}: ${(e as Error).message}`,
      `Cannot read the reference file ${path}: ${(e as Error).message}`,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = (e as Error).message;
    throw new DomainError(
      'invalid_reference_data',
      `Tệp corrections.json không phải JSON hợp lệ: ${why}`,
      `corrections.json is not valid JSON: ${why}`,
    );
  }
}

function combine(errors: DomainError[]): DomainError {
  if (errors.length === 1 && errors[0]) return errors[0];
  return new DomainError(
    'invalid_reference_data',
    errors.map((e) => e.message).join('\n'),
    errors.map((e) => e.messageEn).join('\n'),
    errors.flatMap((e) => e.details),
  );
}
