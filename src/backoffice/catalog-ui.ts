import { can, scopeOf, type ResourceType } from '../accounts/policy.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import type { Actor, Ctx } from '../core/context.js';
import { craftVillagesIn } from '../catalog/references.repository.js';
import type { Text } from '../views/format.js';
import { communeOptions } from './options.js';

/** Words and helpers shared by the producer and product pages of the back office. */
export const CAT = {
  producers: { vi: 'Chủ thể OCOP', en: 'OCOP producers' },
  products: { vi: 'Sản phẩm OCOP', en: 'OCOP products' },
  newProducer: { vi: 'Thêm chủ thể', en: 'Add a producer' },
  newProduct: { vi: 'Thêm sản phẩm', en: 'Add a product' },
  editProducer: { vi: 'Sửa chủ thể', en: 'Edit producer' },
  editProduct: { vi: 'Sửa sản phẩm', en: 'Edit product' },
  searchName: { vi: 'Tìm theo tên', en: 'Search by name' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  allCommunes: { vi: 'Tất cả xã/phường', en: 'All communes' },
  legalForm: { vi: 'Loại hình', en: 'Legal form' },
  allLegalForms: { vi: 'Tất cả loại hình', en: 'All legal forms' },
  sortBy: { vi: 'Sắp xếp', en: 'Sort by' },
  nameAsc: { vi: 'Tên A → Z', en: 'Name A → Z' },
  nameDesc: { vi: 'Tên Z → A', en: 'Name Z → A' },
  newest: { vi: 'Mới thêm trước', en: 'Newest first' },
  oldest: { vi: 'Cũ trước', en: 'Oldest first' },
  name: { vi: 'Tên', en: 'Name' },
  productCount: { vi: 'Số sản phẩm', en: 'Products' },
  bulkAction: { vi: 'Thao tác với các mục đã chọn', en: 'Action on the selected rows' },
  exportSelected: { vi: 'Xuất các mục đã chọn ra Excel', en: 'Export the selected rows to Excel' },
  assignVillage: { vi: 'Gán vào làng nghề', en: 'Assign to a craft village' },
  craftVillage: { vi: 'Làng nghề', en: 'Craft village' },
  noVillage: { vi: '— Không thuộc làng nghề —', en: '— No craft village —' },
  chooseVillage: { vi: 'Chọn làng nghề', en: 'Choose a craft village' },
  villageNeedsCommune: {
    vi: 'Lọc theo một xã/phường để gán sản phẩm vào làng nghề của xã đó.',
    en: 'Filter by one commune to assign products to one of its craft villages.',
  },
  noneSelected: { vi: 'Chưa chọn mục nào.', en: 'Nothing is selected.' },
  assigned: { vi: 'Đã gán sản phẩm vào làng nghề.', en: 'The products were assigned to the craft village.' },
  created: { vi: 'Đã tạo.', en: 'Created.' },
  saved: { vi: 'Đã lưu thay đổi.', en: 'Changes saved.' },
  productList: { vi: 'Sản phẩm', en: 'Products' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  scorecard: { vi: 'Bộ tiêu chí', en: 'Scorecard' },
  allScorecards: { vi: 'Tất cả bộ tiêu chí', en: 'All scorecards' },
  sector: { vi: 'Ngành', en: 'Sector' },
  allSectors: { vi: 'Tất cả ngành', en: 'All sectors' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate' },
  certificateStatus: { vi: 'Tình trạng giấy chứng nhận', en: 'Certificate status' },
  anyStatus: { vi: 'Mọi tình trạng', en: 'Any status' },
  expires: { vi: 'Hết hạn', en: 'Expires' },
  noCertificate: { vi: 'Chưa có', en: 'None' },
  onlyProducer: { vi: 'Chỉ sản phẩm của', en: 'Only products of' },
  removeFilter: { vi: 'Bỏ lọc', en: 'Remove filter' },
  details: { vi: 'Thông tin', en: 'Details' },
  history: { vi: 'Lịch sử thay đổi', en: 'Change history' },
} satisfies Record<string, Text>;

export const CERTIFICATE_STATUS: Record<CertificateStatus, Text> = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  expiring: { vi: 'Sắp hết hạn', en: 'Expiring soon' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  revoked: { vi: 'Đã bị thu hồi', en: 'Revoked' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded' },
};

export const CERTIFICATE_STATUSES = Object.keys(CERTIFICATE_STATUS) as CertificateStatus[];

/** The query string's single value (the first when repeated), trimmed; undefined when empty. */
export function queryValue(query: unknown, name: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim().slice(0, 200) : undefined;
}

export function queryValues(query: unknown, name: string): string[] {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  const list: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string' && x !== '');
}

export function pageOf(query: unknown): number {
  const n = Number(queryValue(query, 'page') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** One of `allowed`, or the default. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The current communes the actor works in for this resource: all of them, or those of their grants. */
export async function scopedCommuneOptions(ctx: Ctx, type: ResourceType) {
  const all = await communeOptions(ctx);
  const scope = scopeOf(ctx.actor, type);
  if (scope.all || scope.communeIds.length === 0) return all;
  return all.filter((o) => scope.communeIds.includes(o.value));
}

/** Whether the actor may create this kind of record somewhere (admin anywhere, officers in their communes…). */
export function mayCreateSomewhere(
  actor: Actor,
  type: 'producer' | 'product' | 'craftVillage' | 'salesPoint',
): boolean {
  return (actor.grants ?? []).some((g) => {
    const at = g.scopeId ?? undefined;
    return type === 'product'
      ? can(actor, 'create', { type, communeId: at, producerId: at })
      : can(actor, 'create', { type, communeId: at });
  });
}

export async function villageOptions(ctx: Ctx, communeIds: readonly string[]) {
  return (await craftVillagesIn(ctx, communeIds)).map((v) => ({ value: v.id, label: v.name }));
}
