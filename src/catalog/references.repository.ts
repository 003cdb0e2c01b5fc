import type { Ctx } from '../core/context.js';
import type { ErrorDetail } from '../core/errors.js';

type Referenced = 'producers' | 'scorecards' | 'craft_villages' | 'products' | 'sales_points';

const LABEL: Record<Referenced, [string, string]> = {
  producers: ['chủ thể', 'producer'],
  scorecards: ['bộ tiêu chí', 'scorecard'],
  craft_villages: ['làng nghề', 'craft village'],
  products: ['sản phẩm', 'product'],
  sales_points: ['điểm bán', 'sales point'],
};

/** Null when the referenced row exists, else a detail naming the field. */
export async function assertExists(
  ctx: Ctx,
  table: Referenced,
  id: string | number,
  field: string,
): Promise<ErrorDetail | null> {
  const row = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id as never)
    .executeTakeFirst();
  if (row) return null;
  const [vi, en] = LABEL[table];
  return { field, message: `${field}: không có ${vi} "${id}"`, messageEn: `${field}: no ${en} "${id}"` };
}

/** Records are filed under communes in force today (2025 units); old addresses are kept as text. */
export async function assertCurrentCommune(ctx: Ctx, id: string, field: string): Promise<ErrorDetail | null> {
  const row = await ctx.db
    .selectFrom('admin_units')
    .select(['id', 'level', 'valid_to'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row && row.level === 'commune' && row.valid_to === null) return null;
  return {
    field,
    message: `${field}: "${id}" không phải xã/phường hiện hành (mã 2025)`,
    messageEn: `${field}: "${id}" is not a commune in force (2025 code)`,
  };
}

/** Craft villages of these communes, for select boxes (a village and its products lie in one commune). */
export async function craftVillagesIn(ctx: Ctx, communeIds: readonly string[]) {
  if (communeIds.length === 0) return [];
  return ctx.db
    .selectFrom('craft_villages')
    .select(['id', 'name', 'commune_id'])
    .where('commune_id', 'in', [...communeIds])
    .orderBy('name_folded')
    .limit(1000)
    .execute();
}
