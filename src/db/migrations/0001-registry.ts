import type { Kysely } from 'kysely';

/** The registry: administrative units, taxonomy and criteria sets, producers, products, certificates,
 * craft villages, sales points and the audit log. Portable types only (see db/schema.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('admin_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_units_parent').on('admin_units').column('parent_id').execute();
  await db.schema
    .createIndex('admin_units_folded')
    .on('admin_units')
    .columns(['level', 'name_folded'])
    .execute();

  await db.schema
    .createTable('admin_unit_links')
    .addColumn('old_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('new_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('admin_unit_links_pk', ['old_id', 'new_id'])
    .execute();
  await db.schema.createIndex('admin_unit_links_new').on('admin_unit_links').column('new_id').execute();

  await db.schema
    .createTable('sectors')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scorecards')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code'))
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('current_version', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('criteria_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('corrections', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('criteria_sets_version', ['scorecard_id', 'version'])
    .execute();

  await db.schema
    .createTable('producers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull())
    .addColumn('registration_number', 'text')
    .addColumn('representative', 'text')
    .addColumn('representative_is_woman', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('old_address', 'text')
    .addColumn('commune_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('producers_commune').on('producers').column('commune_id').execute();
  await db.schema.createIndex('producers_folded').on('producers').column('name_folded').execute();
  await db.schema
    .createIndex('producers_registration')
    .on('producers')
    .column('registration_number')
    .execute();

  await db.schema
    .createTable('craft_villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('craft', 'text', (c) => c.notNull())
    .addColumn('recognized', 'integer', (c) => c.notNull())
    .addColumn('traditional', 'integer', (c) => c.notNull())
    .addColumn('recognition_decision', 'text')
    .addColumn('recognition_year', 'integer')
    .addColumn('description', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('craft_villages_commune').on('craft_villages').column('commune_id').execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('description_vi', 'text')
    .addColumn('description_en', 'text')
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id'))
    .addColumn('producer_id', 'text', (c) => c.notNull().references('producers.id'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('craft_village_id', 'text', (c) => c.references('craft_villages.id'))
    .addColumn('images', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('unit', 'text')
    .addColumn('price_vnd', 'integer')
    .addColumn('current_certificate_id', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const col of ['producer_id', 'commune_id', 'craft_village_id', 'scorecard_id', 'name_folded']) {
    await db.schema.createIndex(`products_${col}`).on('products').column(col).execute();
  }
  await db.schema
    .createIndex('products_current_certificate')
    .on('products')
    .column('current_certificate_id')
    .execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('revoked_on', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('superseded_by_id', 'text', (c) => c.references('certificates.id'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('certificates_product').on('certificates').column('product_id').execute();
  await db.schema.createIndex('certificates_expires').on('certificates').column('expires_on').execute();
  await db.schema.createIndex('certificates_stars').on('certificates').column('stars').execute();
  // Foreign keys are checked on delete: without these, purging a large demo scans the table per row.
  await db.schema
    .createIndex('certificates_superseded_by')
    .on('certificates')
    .column('superseded_by_id')
    .execute();

  await db.schema
    .createTable('sales_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('location_type', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('operator', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('opening_hours', 'text')
    .addColumn('tourism_linked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('craft_village_id', 'text', (c) => c.references('craft_villages.id'))
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_points_commune').on('sales_points').column('commune_id').execute();
  await db.schema
    .createIndex('sales_points_craft_village')
    .on('sales_points')
    .column('craft_village_id')
    .execute();

  await db.schema
    .createTable('sales_point_products')
    .addColumn('sales_point_id', 'text', (c) => c.notNull().references('sales_points.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('sales_point_products_pk', ['sales_point_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('sales_point_products_product')
    .on('sales_point_products')
    .column('product_id')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'sales_point_products',
    'sales_points',
    'certificates',
    'products',
    'craft_villages',
    'producers',
    'criteria_sets',
    'scorecards',
    'sectors',
    'admin_unit_links',
    'admin_units',
    'meta',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
