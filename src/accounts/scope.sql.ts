import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope } from './policy.js';

/**
 * The SQL side of `scopeOf`: a condition that keeps only the rows the actor may list. `columns` names the
 * query's columns holding the row's 2025 commune, producer and sales point (omit what the table lacks: the
 * scope then matches nothing through it).
 *
 *   .where(inScope(scopeOf(ctx.actor, 'product'), { commune: 'p.commune_id', producer: 'p.producer_id' }))
 */
export function inScope(
  scope: ListScope,
  columns: { commune?: string; producer?: string; salesPoint?: string },
): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Array<Expression<SqlBool>> = [];
  const add = (column: string | undefined, ids: string[]) => {
    if (column && ids.length) parts.push(sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`);
  };
  add(columns.commune, scope.communeIds);
  add(columns.producer, scope.producerIds);
  add(columns.salesPoint, scope.salesPointIds);
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
