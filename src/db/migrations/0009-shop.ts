import { sql, type Kysely } from 'kysely';

/**
 * The shop (issue 9): stock per product and per sales point, the producers' bank accounts for VietQR, orders split
 * into one sub-order per producer, their lines (name and price as sold) and history. Portable types only
 * (docs/decisions/0002-portable-schema.md): money integer đồng, JSON as text, timestamps ISO UTC text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A table of its own rather than a column on products: the catalogue stays untouched, and the hot
  // `update … set quantity = quantity - ? where quantity >= ?` of every checkout locks a narrow row.
  await db.schema
    .createTable('product_stock')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sqlNonNegative('quantity')))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Goods left at a sales point for pickup are counted there, apart from the producer's own stock.
  await db.schema
    .alterTable('sales_point_products')
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('producer_payees')
    .addColumn('producer_id', 'text', (c) => c.primaryKey().references('producers.id').onDelete('cascade'))
    .addColumn('bank_bin', 'text', (c) => c.notNull())
    .addColumn('account_number', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('commune_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('sales_point_id', 'text', (c) => c.references('sales_points.id'))
    .addColumn('payment', 'text', (c) => c.notNull())
    .addColumn('total_vnd', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_created').on('orders').column('created_at').execute();

  await db.schema
    .createTable('sub_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('producer_id', 'text', (c) => c.notNull().references('producers.id'))
    .addColumn('total_vnd', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_status', 'text', (c) => c.notNull())
    .addColumn('ship_before_payment', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vietqr_payload', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sub_orders_order_seq', ['order_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('sub_orders_producer')
    .on('sub_orders')
    .columns(['producer_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_price_vnd', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_lines_sub_order').on('order_lines').column('sub_order_id').execute();
  await db.schema.createIndex('order_lines_product').on('order_lines').column('product_id').execute();

  await db.schema
    .createTable('sub_order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('from_payment', 'text')
    .addColumn('to_payment', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sub_order_events_sub_order')
    .on('sub_order_events')
    .columns(['sub_order_id', 'id'])
    .execute();
}

function sqlNonNegative(column: string) {
  return sql`${sql.ref(column)} >= 0`;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sub_order_events',
    'order_lines',
    'sub_orders',
    'orders',
    'producer_payees',
    'product_stock',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('sales_point_products').dropColumn('quantity').execute();
}
