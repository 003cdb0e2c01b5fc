import type { Text } from '../views/format.js';

/** The actors of the programme (issue 5). Scoped roles act only within their scope ids. */
export const ROLES = ['admin', 'commune', 'council', 'secretary', 'producer', 'salespoint', 'buyer'] as const;
export type Role = (typeof ROLES)[number];

/** What a role's scope ids name: 2025 communes, one producer, sales points; null = the whole city. */
export const ROLE_SCOPE: Record<Role, 'commune' | 'producer' | 'salesPoint' | null> = {
  admin: null,
  commune: 'commune',
  council: null,
  secretary: null,
  producer: 'producer',
  salespoint: 'salesPoint',
  buyer: null,
};

export const ROLE_LABELS: Record<Role, Text> = {
  admin: { vi: 'Quản trị cấp thành phố', en: 'City administrator' },
  commune: { vi: 'Cán bộ xã/phường', en: 'Commune officer' },
  council: { vi: 'Thành viên hội đồng', en: 'Council member' },
  secretary: { vi: 'Thư ký hội đồng', en: 'Council secretary' },
  producer: { vi: 'Chủ thể sản xuất', en: 'Producer' },
  salespoint: { vi: 'Quản lý điểm bán', en: 'Sales-point manager' },
  buyer: { vi: 'Người mua', en: 'Buyer' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
