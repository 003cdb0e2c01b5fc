import type { Ctx } from '../core/context.js';
import { currentCommunes } from '../places/admin-unit.repository.js';

/** The 2025 communes and wards of the province, for select boxes: "Phường Ba Đình (00004)". */
export async function communeOptions(ctx: Ctx): Promise<Array<{ value: string; label: string }>> {
  const rows = await currentCommunes(ctx);
  return rows.map((r) => ({
    value: r.id,
    label: `${ctx.locale === 'en' ? r.name_en : r.full_name} (${r.id})`,
  }));
}

/** Names of communes by id, for showing a scope ("Xã Bát Tràng"). */
export async function communeNames(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('admin_units')
    .select(['id', 'full_name', 'name_en'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, ctx.locale === 'en' ? r.name_en : r.full_name]));
}
