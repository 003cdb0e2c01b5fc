import type { Migration } from 'kysely';
import * as m0001 from './0001-registry.js';
import * as m0002 from './0002-imports.js';
import * as m0003 from './0003-accounts.js';
import * as m0004 from './0004-list-indexes.js';
import * as m0005 from './0005-audit-append-only.js';
import * as m0007 from './0007-evaluation.js';
import * as m0008 from './0008-audit-id-order.js';
import * as m0009 from './0009-shop.js';
import * as m0010 from './0010-baskets.js';
import * as m0011 from './0011-current-certificate.js';
import * as m0012 from './0012-order-locale.js';
import * as m0013 from './0013-live-certificates-by-id.js';

/** One migration history for SQLite and PostgreSQL, in order. Never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-registry': m0001,
  '0002-imports': m0002,
  '0003-accounts': m0003,
  '0004-list-indexes': m0004,
  '0005-audit-append-only': m0005,
  '0007-evaluation': m0007,
  '0008-audit-id-order': m0008,
  '0009-shop': m0009,
  '0010-baskets': m0010,
  '0011-current-certificate': m0011,
  '0012-order-locale': m0012,
  '0013-live-certificates-by-id': m0013,
};
