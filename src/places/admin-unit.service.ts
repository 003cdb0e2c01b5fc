import { todayInVietnam } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { NotFoundError } from '../core/errors.js';
import type { Page, PageRequest } from '../db/paging.js';
import { foldVi } from '../core/vi-text.js';
import { toUnitRef, type AdminLevel } from './admin-unit.js';
import {
  presentAdminUnit,
  presentAdminUnitDetail,
  type AdminUnitDetailDto,
  type AdminUnitDto,
} from './admin-unit.presenter.js';
import { findAdminUnit, findUnitLinks, listAdminUnits } from './admin-unit.repository.js';

export interface AdminUnitQuery extends PageRequest {
  level?: AdminLevel;
  parent?: string;
  /** In force today (true) or not (false), by ctx.clock in Asia/Ho_Chi_Minh. */
  current?: boolean;
  validOn?: string;
  q?: string;
  sort?: 'name' | 'code';
}

export async function listAdministrativeUnits(ctx: Ctx, q: AdminUnitQuery): Promise<Page<AdminUnitDto>> {
  const today = todayInVietnam(ctx.clock);
  const folded = q.q === undefined ? undefined : foldVi(q.q);
  const page = await listAdminUnits(ctx, {
    ...(q.level ? { level: q.level } : {}),
    ...(q.parent ? { parentId: q.parent } : {}),
    validOn: [q.validOn, q.current === true ? today : undefined].filter((d) => d !== undefined),
    ...(q.current === false ? { notValidOn: today } : {}),
    ...(folded ? { folded } : {}),
    sort: q.sort ?? 'name',
    page: q.page,
    limit: q.limit,
  });
  return { ...page, items: page.items.map((row) => presentAdminUnit(row, today)) };
}

export async function getAdministrativeUnit(ctx: Ctx, id: string): Promise<AdminUnitDetailDto> {
  const row = await findAdminUnit(ctx, id);
  if (!row) throw new NotFoundError('administrativeUnit', id);
  const parentRow = row.parent_id === null ? undefined : await findAdminUnit(ctx, row.parent_id);
  const links = await findUnitLinks(ctx, id);
  return presentAdminUnitDetail(
    row,
    { parent: parentRow ? toUnitRef(parentRow) : null, ...links },
    todayInVietnam(ctx.clock),
  );
}
