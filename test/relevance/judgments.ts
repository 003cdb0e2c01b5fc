import { readFileSync } from 'node:fs';
import { currentCommunesOf } from '../../src/catalog/commune-scope.repository.js';
import type { Ctx } from '../../src/core/context.js';
import { normalizeVi } from '../../src/core/vi-text.js';

export interface Rule {
  type: 'product' | 'producer' | 'craftVillage' | 'salesPoint';
  name?: string[];
  nameEn?: string[];
  unit?: string;
  grade: number;
}

export interface Judged {
  q: string;
  relevant: Rule[];
}

export function readQueries(): Judged[] {
  const file = new URL('./queries.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: Judged[] }).queries;
}

interface Row {
  key: string;
  type: Rule['type'];
  name: string;
  nameEn: string;
  communeId: string;
}

const lower = (s: string) => normalizeVi(s).toLowerCase();

/** Every record of the registry, read straight from the tables (not through search). */
export async function readRows(ctx: Ctx): Promise<Row[]> {
  const [products, producers, villages, points] = await Promise.all([
    ctx.db.selectFrom('products').select(['id', 'name_vi as name', 'name_en', 'commune_id']).execute(),
    ctx.db.selectFrom('producers').select(['id', 'name', 'commune_id']).execute(),
    ctx.db.selectFrom('craft_villages').select(['id', 'name', 'commune_id']).execute(),
    ctx.db.selectFrom('sales_points').select(['id', 'name', 'commune_id']).execute(),
  ]);
  const row = (type: Rule['type'], r: { id: string; name: string; commune_id: string }, en = ''): Row => ({
    key: `${type}:${r.id}`,
    type,
    name: lower(r.name),
    nameEn: en.toLowerCase(),
    communeId: r.commune_id,
  });
  return [
    ...products.map((r) => row('product', r, r.name_en ?? '')),
    ...producers.map((r) => row('producer', r)),
    ...villages.map((r) => row('craftVillage', r)),
    ...points.map((r) => row('salesPoint', r)),
  ];
}

/** The graded relevant records of a query: `type:id` → grade. */
export async function gradesOf(ctx: Ctx, rows: Row[], judged: Judged): Promise<Map<string, number>> {
  const grades = new Map<string, number>();
  for (const rule of judged.relevant) {
    const communes = rule.unit === undefined ? null : new Set(await currentCommunesOf(ctx, rule.unit));
    for (const r of rows) {
      if (r.type !== rule.type) continue;
      if (rule.name && !rule.name.every((n) => r.name.includes(lower(n)))) continue;
      if (rule.nameEn && !rule.nameEn.every((n) => r.nameEn.includes(n.toLowerCase()))) continue;
      if (communes && !communes.has(r.communeId)) continue;
      grades.set(r.key, Math.max(grades.get(r.key) ?? 0, rule.grade));
    }
  }
  return grades;
}
