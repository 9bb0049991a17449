import { PGlite } from "@electric-sql/pglite";

/**
 * Opens a stopped app's PGlite data directory as its owner (PGlite's one user is a superuser),
 * for tests that change what the app may not: a row of the append-only audit log, say.
 */
export async function asPgliteOwner<T>(dataDir: string, work: (pg: PGlite) => Promise<T>): Promise<T> {
  const pg = await PGlite.create(dataDir);
  try {
    return await work(pg);
  } finally {
    await pg.close();
  }
}
