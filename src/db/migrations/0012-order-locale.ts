import type { Kysely } from 'kysely';

/**
 * The language the buyer ordered in (`vi` or `en`: the page's, or the API's Accept-Language), so that the mail of
 * every later step speaks it. Orders placed before are left empty: their mails keep both languages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('locale').execute();
}
