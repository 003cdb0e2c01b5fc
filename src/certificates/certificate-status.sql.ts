import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { addDays, EXPIRING_WITHIN_DAYS, type CertificateStatus } from './certificate.js';

/**
 * The SQL twin of `certificateStatus` (certificate.ts) for filters and counts, over a certificates table
 * aliased `alias` — or, with `prefix` 'cur_', over a products table's copy of its current certificate (migration
 * 0011); test/db/registry.test.ts checks the two agree on every demo certificate.
 */
export function certificateStatusIs(
  alias: string,
  status: CertificateStatus,
  today: string,
  prefix = '',
): RawBuilder<SqlBool> {
  const c = (column: string) => sql.ref(`${alias}.${prefix}${column}`);
  const horizon = addDays(today, EXPIRING_WITHIN_DAYS);
  const revoked = sql`(${c('revoked_on')} is not null and ${c('revoked_on')} <= ${today})`;
  const live = sql`(${c('revoked_on')} is null or ${c('revoked_on')} > ${today}) and ${c('superseded_by_id')} is null`;
  switch (status) {
    case 'revoked':
      return sql<SqlBool>`${revoked}`;
    case 'superseded':
      return sql<SqlBool>`(not ${revoked} and ${c('superseded_by_id')} is not null)`;
    case 'expired':
      return sql<SqlBool>`(${live} and ${c('expires_on')} <= ${today})`;
    case 'expiring':
      return sql<SqlBool>`(${live} and ${c('expires_on')} > ${today} and ${c('expires_on')} <= ${horizon})`;
    case 'valid':
      return sql<SqlBool>`(${live} and ${c('expires_on')} > ${horizon})`;
  }
}
