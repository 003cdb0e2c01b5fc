import pg from 'pg';

/** Says clearly, once, whether the PostgreSQL tier runs; test files skip themselves when it is away. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    console.log(`[db-postgres] PostgreSQL reachable at ${url}: running the database suite on it.`);
  } catch (e) {
    console.warn(
      `\n[db-postgres] SKIPPED: PostgreSQL is not reachable at ${url} (${(e as Error).message}).\n` +
        '             The database suite ran on SQLite only.\n',
    );
    process.env.PG_UNAVAILABLE = '1';
  } finally {
    await client.end().catch(() => undefined);
  }
}
