import type { Kysely } from 'kysely';

/**
 * Indexes for the back office's product lists (issue 5, 20,000 products): the stars filter counts live
 * certificates by stars, and "newest first" sorts by creation time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('certificates_stars_live')
    .on('certificates')
    .columns(['stars', 'revoked_on', 'id'])
    .execute();
  await db.schema.createIndex('products_created_at').on('products').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('products_created_at').execute();
  await db.schema.dropIndex('certificates_stars_live').execute();
}
