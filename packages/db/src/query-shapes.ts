import type { Query } from "drizzle-orm";
import type { AppTx } from "./types";

/** What drizzle's `.prepare()` hands back: its SQL text, parameters (placeholders among them) and row mapping. */
type PreparedQuery<T> = {
  getQuery(): Query;
  isResponseInArrayMode(): boolean;
  execute(values?: Record<string, unknown>): Promise<T>;
};

/** The same, rebuilt on another transaction's session (drizzle's `PgSession.prepareQuery`). */
type Session = {
  prepareQuery(
    query: Query,
    fields: unknown,
    name: string,
    isResponseInArrayMode: boolean,
    customResultMapper?: unknown,
  ): PreparedQuery<unknown> & { joinsNotNullableMap?: unknown };
};

type Kept = {
  query: Query;
  fields: unknown;
  arrayMode: boolean;
  mapper: unknown;
  joins: unknown;
};

/**
 * A hot statement whose SQL drizzle builds once per shape instead of once per run. Building is
 * the dearer half of a step's Node CPU: drizzle walks every column and condition of the statement
 * each time (decision 0039). A shape is whatever changes the SQL text (which columns a step sets,
 * how many timers it inserts); everything else is a placeholder (`sql.placeholder`) filled per run.
 * The text is the same on both drivers; each run binds it to its transaction's session, so a
 * PGlite and a PostgreSQL database in one process share it.
 */
export class QueryShapes {
  private readonly shapes = new Map<string, Kept>();

  /**
   * `name`: postgres.js prepares the statement on each connection by its text (a named query is
   * prepared; the name itself is not sent). `capacity`: shapes kept before the cache starts over.
   */
  constructor(
    private readonly name: string,
    private readonly capacity = 512,
  ) {}

  async run<T>(
    tx: AppTx,
    shape: string,
    build: () => { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<T> } },
    values: Record<string, unknown>,
  ): Promise<T> {
    const session = (tx as unknown as { session: Session }).session;
    const kept = this.shapes.get(shape);
    if (!kept) {
      const prepared = build().prepare(this.name) as unknown as PreparedQuery<T> & Partial<Record<string, unknown>>;
      if (this.shapes.size >= this.capacity) this.shapes.clear();
      this.shapes.set(shape, {
        query: prepared.getQuery(),
        fields: prepared.fields,
        arrayMode: prepared.isResponseInArrayMode(),
        mapper: prepared.customResultMapper,
        joins: prepared.joinsNotNullableMap,
      });
      return prepared.execute(values);
    }
    const prepared = session.prepareQuery(kept.query, kept.fields, this.name, kept.arrayMode, kept.mapper);
    prepared.joinsNotNullableMap = kept.joins;
    return prepared.execute(values) as Promise<T>;
  }

  /** The SQL text of each shape built so far (tests read what a statement names). */
  texts(): string[] {
    return [...this.shapes.values()].map((kept) => kept.query.sql);
  }
}
