import { sql } from 'kysely';
import type { Ctx } from '../core/context.js';

/**
 * Certificates of 3★ and more issued each year (by the year of `issued_on`), revoked ones left out: how many
 * products the city certified or re-certified that year. Portable: dates are ISO text on both engines; PostgreSQL
 * returns counts as strings.
 */
export async function certificatesByYear(ctx: Ctx): Promise<Array<{ year: number; count: number }>> {
  const year = sql<string>`substr(c.issued_on, 1, 4)`;
  const rows = await ctx.db
    .selectFrom('certificates as c')
    .where('c.stars', '>=', 3)
    .where('c.revoked_on', 'is', null)
    .select([year.as('year'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(year)
    .orderBy(year)
    .execute();
  return rows.map((r) => ({ year: Number(r.year), count: Number(r.n) }));
}
