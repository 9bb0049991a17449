import { caseEvents, cases, caseTimers, memberships, outbox, teamMembers, teams, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase } from "@rdlink/db/testing";
import type { StepWrite } from "@rdlink/workflow";
import { getTableColumns, getTableName } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepShapeOf, stepStatement } from "./step-statement";

const TENANT = "0b6f3c1e-5d2a-4f8b-9c7e-1a2b3c4d5e6f";
const CASE = "7d1a3b8e-2f6c-4a5b-9c0d-1e2f3a4b5c6d";
const at = new Date("2026-09-28T02:00:00Z");

/** A step that writes everything a step can: every optional part of the statement is in it. */
const everything: StepWrite = {
  caseId: CASE,
  expectedSeq: 4,
  change: {
    seq: 5,
    state: "handling",
    stateEnteredSeq: 5,
    snapshot: {
      value: "handling",
      context: {
        fields: {},
        dates: {},
        counters: {},
        handlingUnitId: null,
        coHandlingUnitIds: [],
        satisfaction: "satisfied",
      } as never,
      status: "active",
    },
    status: "active",
    at,
    versionId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
    overdue: true,
    desk: {
      assigneeRole: "team",
      assigneeScope: "county",
      assigneeTeam: "petitionOffice",
      dueAt: at,
      warnAt: at,
      closes: true,
    },
  },
  event: {
    caseId: CASE,
    seq: 5,
    type: "ACCEPT",
    fromState: "acceptance",
    toState: "handling",
    actorUserId: null,
    actorRole: "handling_unit_responder",
    data: {},
    at,
    idempotencyKey: "key",
  },
  leftState: "acceptance",
  deleteTimerIds: ["t-0"],
  timers: [
    {
      id: "t-1",
      caseId: CASE,
      stateId: "handling",
      entrySeq: 5,
      deadlineId: "d",
      rungId: "r",
      event: null,
      notify: { to: "assignee", template: "x" },
      dueAt: at,
    },
  ],
  outbox: [{ caseId: CASE, seq: 5, actionIndex: 0, kind: "notify", payload: { to: "x" }, at }],
};

describe("the step's hand-written statement", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t.drop());

  it("names only tables and columns the schema has", async () => {
    const { sql: text } = await t.db.withTenant(TENANT, async (tx) =>
      stepStatement(tx, stepShapeOf(everything)).toSQL(),
    );
    // The step's own tables, and those it finds the holders of a team's desk in (the unattended mark).
    const tables = [cases, caseEvents, caseTimers, outbox, memberships, users, teams, teamMembers];
    const casing = new CasingCache("snake_case");
    const known = new Set([
      ...["updated", "gone", "written_0", "written_1", "written_2"], // its CTEs
      ...tables.map((table) => getTableName(table)),
      ...tables.flatMap((table) => Object.values(getTableColumns(table)).map((c) => casing.getColumnCasing(c))),
    ]);
    const named = [...text.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
    // Every column the update keeps for inboxes and figures is in it.
    for (const column of [
      "assignee_team",
      "team_keys",
      "closed_at",
      "overdue_at",
      "satisfaction",
      "version_id",
      "unattended_since",
    ]) {
      expect(named).toContain(column);
    }
  });
});
