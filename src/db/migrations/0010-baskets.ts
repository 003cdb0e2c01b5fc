import type { Kysely } from 'kysely';

/**
 * A signed-in buyer's basket (issue 9), kept on their account so it follows them across visits and devices.
 * Visitors without an account keep theirs in a cookie (web/basket-cookie.ts). The lines are the cookie's own
 * compact text (`prd_a:2,prd_b:1`), parsed and checked again at every read; no foreign key to products, so a product
 * that leaves the catalogue simply drops out of the basket.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('baskets')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('baskets').execute();
}
