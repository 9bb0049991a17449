import { describe, expect, it } from "vitest";
import { postgresTarget } from "./postgres-target";

describe("postgresTarget", () => {
  it("reads libpq's socket directory from the host parameter, with the URL's port", () => {
    expect(postgresTarget("postgres://rdlink_app:secret@localhost:5433/rdlink?host=/var/run/postgresql")).toEqual({
      url: "postgres://rdlink_app:secret@localhost:5433/rdlink",
      path: "/var/run/postgresql/.s.PGSQL.5433",
    });
  });

  it("takes PostgreSQL's port when the URL names none, and keeps the other parameters", () => {
    expect(postgresTarget("postgres://rdlink_app@localhost/rdlink?host=%2Frun%2Fpg&sslmode=disable")).toEqual({
      url: "postgres://rdlink_app@localhost/rdlink?sslmode=disable",
      path: "/run/pg/.s.PGSQL.5432",
    });
  });

  it("leaves a TCP address as it is", () => {
    const url = "postgres://rdlink_app:secret@127.0.0.1:5432/rdlink";
    expect(postgresTarget(url)).toEqual({ url });
  });
});
