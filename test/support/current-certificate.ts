import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/**
 * Products whose copy of their current certificate (`cur_*`, kept by the triggers of migration 0011) differs
 * from the certificate itself — or is not empty when they have none. Empty when the triggers did their work.
 */
export async function copiesOutOfStep(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('products as p')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select([
      'p.id',
      'p.cur_stars',
      'p.cur_score',
      'p.cur_expires_on',
      'p.cur_revoked_on',
      'p.cur_superseded_by_id',
      'c.stars',
      'c.score',
      'c.expires_on',
      'c.revoked_on',
      'c.superseded_by_id',
    ])
    .execute();
  return rows
    .filter(
      (r) =>
        r.cur_stars !== (r.stars ?? null) ||
        r.cur_score !== (r.score ?? null) ||
        r.cur_expires_on !== (r.expires_on ?? null) ||
        r.cur_revoked_on !== (r.revoked_on ?? null) ||
        r.cur_superseded_by_id !== (r.superseded_by_id ?? null),
    )
    .map((r) => r.id);
}
