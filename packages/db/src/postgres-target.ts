/**
 * Where postgres.js connects for a connection URL, read as libpq reads it: a `host` parameter that
 * is a directory names the server's Unix socket (`postgres://rdlink_app:…@localhost/rdlink?host=/var/run/postgresql`),
 * as psql and pgbench take it. postgres.js alone would send `host` to the server as a setting and
 * connect over TCP. On one machine the socket is the cheaper way: a TCP write over loopback runs
 * both ends' network stack in the writer's system call (decision 0047).
 */
export function postgresTarget(url: string): { url: string; path?: string } {
  const parsed = new URL(url);
  const socketDirectory = parsed.searchParams.get("host");
  if (!socketDirectory?.startsWith("/")) return { url };
  parsed.searchParams.delete("host");
  return { url: parsed.toString(), path: `${socketDirectory}/.s.PGSQL.${parsed.port || 5432}` };
}
