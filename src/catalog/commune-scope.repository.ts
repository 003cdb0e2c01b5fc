import type { Ctx } from '../core/context.js';
import { ValidationError } from '../core/errors.js';

/**
 * Expands an administrative unit to the communes in force today that cover it, so that a filter on an old
 * commune or an old district ("Phú Xuyên") finds the records now filed under the communes that replaced it.
 * Returns null for the whole province (no filter).
 */
export async function currentCommunesOf(
  ctx: Ctx,
  unitId: string,
  field = 'commune',
): Promise<string[] | null> {
  const unit = await ctx.db
    .selectFrom('admin_units')
    .select(['id', 'level', 'valid_to'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) {
    throw new ValidationError([
      {
        field,
        message: `${field}: không có đơn vị hành chính "${unitId}"`,
        messageEn: `${field}: no administrative unit "${unitId}"`,
      },
    ]);
  }
  if (unit.level === 'province') return null;
  let frontier =
    unit.level === 'district'
      ? (await ctx.db.selectFrom('admin_units').select('id').where('parent_id', '=', unit.id).execute()).map(
          (r) => r.id,
        )
      : [unit.id];
  const current = new Set<string>();
  const seen = new Set<string>(frontier);
  // Follow old→new links (1 Jan 2025 merges, then the 1 Jul 2025 reform) until only units in force remain.
  for (let depth = 0; frontier.length > 0 && depth < 4; depth++) {
    const rows = await ctx.db
      .selectFrom('admin_units')
      .leftJoin('admin_unit_links', 'admin_unit_links.old_id', 'admin_units.id')
      .select(['admin_units.id', 'admin_units.valid_to', 'admin_unit_links.new_id'])
      .where('admin_units.id', 'in', frontier)
      .execute();
    const next: string[] = [];
    for (const r of rows) {
      if (r.valid_to === null) current.add(r.id);
      else if (r.new_id && !seen.has(r.new_id)) {
        seen.add(r.new_id);
        next.push(r.new_id);
      }
    }
    frontier = next;
  }
  return [...current].sort();
}
