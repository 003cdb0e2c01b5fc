import type { Kysely } from 'kysely';

/**
 * The evaluation workflow (issue 8): rounds, applications with their dossier documents and history, council
 * sessions with their members, conflicts of interest and score sheets, and the decisions that issue certificates.
 * Portable types only (docs/decisions/0002-portable-schema.md); JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cutoff', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evaluation_rounds_year_seq', ['year', 'seq'])
    .execute();

  await db.schema
    .createTable('council_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('evaluation_rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('meets_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('council_members')
    .addColumn('session_id', 'text', (c) => c.notNull().references('council_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('chair', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('council_members_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('council_members_user').on('council_members').column('user_id').execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.references('evaluation_rounds.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('signer_title', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.references('evaluation_rounds.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('producer_id', 'text', (c) => c.notNull().references('producers.id'))
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scorecard_id', 'integer', (c) => c.notNull())
    // Frozen when the application is submitted: a new criteria set version never touches an open application.
    .addColumn('criteria_set_id', 'text', (c) => c.references('criteria_sets.id'))
    .addColumn('criteria_version', 'text')
    .addColumn('sample_count', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('previous_certificate_id', 'text', (c) => c.references('certificates.id'))
    .addColumn('commune_assessment', 'text')
    // The advisory group's visit of the site (always for a tourism service, scorecard 26).
    .addColumn('site_visit_on', 'text')
    .addColumn('session_id', 'text', (c) => c.references('council_sessions.id'))
    .addColumn('knock_outs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('discussed_at', 'text')
    .addColumn('discussion_note', 'text')
    .addColumn('result', 'text')
    .addColumn('score', 'double precision')
    .addColumn('stars', 'integer')
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('certificate_id', 'text', (c) => c.references('certificates.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_state')
    .on('applications')
    .columns(['state', 'created_at'])
    .execute();
  await db.schema.createIndex('applications_producer').on('applications').column('producer_id').execute();
  await db.schema
    .createIndex('applications_commune')
    .on('applications')
    .columns(['commune_id', 'state'])
    .execute();
  await db.schema.createIndex('applications_product').on('applications').column('product_id').execute();
  await db.schema.createIndex('applications_session').on('applications').column('session_id').execute();
  await db.schema.createIndex('applications_round').on('applications').column('round_id').execute();

  await db.schema
    .createTable('application_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_documents_app')
    .on('application_documents')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_events_app')
    .on('application_events')
    .columns(['application_id', 'id'])
    .execute();

  await db.schema
    .createTable('conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conflicts_app_user', ['application_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('score_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('council_sessions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision')
    .addColumn('rescored_from', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_sheets_app_member', ['application_id', 'member_id'])
    .execute();
  await db.schema.createIndex('score_sheets_session').on('score_sheets').column('session_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'score_sheets',
    'conflicts',
    'application_events',
    'application_documents',
    'applications',
    'decisions',
    'council_members',
    'council_sessions',
    'evaluation_rounds',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
