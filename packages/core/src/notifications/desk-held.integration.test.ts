import { cases, handlingUnits, teamMembers, teams } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskHeld, deskValues } from "../cases/step-statement";
import { notificationRecipients } from "./notification-recipients";
import { MONDAY, notificationTestCounty } from "./notification-test-county";

const ASSIGNED_AT = new Date(MONDAY.getTime() + 3_600_000);

/**
 * A step's statement marks a case unattended by asking, in SQL, whether anyone holds its new desk
 * (`deskHeld`); notifications find the same desk's people with `notificationRecipients`. The two
 * must agree for every kind of desk, on places where someone holds it and where nobody does.
 */
describe.each(testDrivers())("whether anyone holds a desk, on %s", (driver) => {
  const county = notificationTestCounty(driver);
  const { id, inCounty, openCase, act } = county;
  let tenantId: string;
  let unit1: string;
  let unstaffedUnit: string;
  type Place = {
    townshipId: string | null;
    stationId: string | null;
    handlingUnitId: string | null;
    deputyIds: string[];
    team: string | null;
  };
  const places: Record<string, Place> = {};

  beforeAll(async () => {
    const c = await county.setUp();
    tenantId = c.tenantId;
    unit1 = c.unit1;
    unstaffedUnit = await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ tenantId, name: "区水利局" }).returning();
      const made = await tx
        .insert(teams)
        .values([
          { tenantId, key: "petitionOffice", name: "信访办" },
          { tenantId, key: "emptyTeam", name: "督办组" },
          { tenantId, key: "archivedTeam", name: "旧专班", archivedAt: new Date("2026-10-01T00:00:00Z") },
        ])
        .returning();
      const teamId = (key: string) => made.find((team) => team.key === key)!.id;
      await tx.insert(teamMembers).values([
        { tenantId, teamId: teamId("petitionOffice"), userId: id("operatorB") },
        { tenantId, teamId: teamId("archivedTeam"), userId: id("operatorB") },
      ]);
      return unit!.id;
    });
    places.staffed = {
      townshipId: c.townshipA,
      stationId: c.stationA,
      handlingUnitId: c.unit1,
      deputyIds: [c.deputyAtStation],
      team: "petitionOffice",
    };
    places.elsewhere = {
      townshipId: c.townshipB,
      stationId: null,
      handlingUnitId: c.unit2,
      deputyIds: [c.deputyElsewhere],
      team: "emptyTeam",
    };
    places.unstaffed = {
      townshipId: null,
      stationId: null,
      handlingUnitId: unstaffedUnit,
      deputyIds: [],
      team: "archivedTeam",
    };
    places.nowhere = { townshipId: null, stationId: null, handlingUnitId: null, deputyIds: [], team: null };
  });
  afterAll(() => county.drop());

  const desks: [role: string, scope: string | null][] = [
    ["county_admin", "county"],
    ["township_operator", "township"],
    ["station_liaison", "township"],
    ["station_liaison", "station"],
    ["township_operator", "station"],
    ["handling_unit_responder", "handlingUnit"],
    ["handling_unit_responder", "township"],
    ["deputy", "deputy"],
    ["deputy", "county"],
    ["team", null],
    ["county_admin", "handlingUnit"],
  ];

  it("marks a case its step hands to a unit nobody answers for as unattended, and one handed to a staffed unit not", async () => {
    const markOf = async (caseId: string) => {
      const [row] = await inCounty((tx) =>
        tx
          .select({ unattendedSince: cases.unattendedSince, role: cases.assigneeRole })
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId))),
      );
      return row!;
    };
    const handTo = async (unit: string, title: string) => {
      const { caseId } = await openCase(title);
      // Its first desk is its station's liaison officer's, and the station has one.
      expect(await markOf(caseId)).toEqual({ unattendedSince: null, role: "station_liaison" });
      await act("liaisonA", caseId, "SUBMIT_REVIEW", { summary: title });
      await act("liaisonA", caseId, "HAND_OVER", { issueScope: "individual" });
      await act("admin", caseId, "ASSIGN", { handlingUnit: unit }, ASSIGNED_AT);
      return markOf(caseId);
    };
    expect(await handTo(unstaffedUnit, "水渠堵塞")).toEqual({
      unattendedSince: ASSIGNED_AT,
      role: "handling_unit_responder",
    });
    expect(await handTo(unit1, "路面塌陷")).toEqual({ unattendedSince: null, role: "handling_unit_responder" });
  });

  it("is what notifications find on the desk, for every kind of desk and place", async () => {
    const outcomes: boolean[] = [];
    for (const [role, scope] of desks) {
      for (const [name, place] of Object.entries(places)) {
        const { found, held } = await inCounty(async (tx) => {
          const recipients = await notificationRecipients(tx, "assignee", {
            ...place,
            coHandlingUnitIds: [],
            assigneeRole: role,
            assigneeScope: scope,
            assigneeTeam: place.team,
          });
          const [row] = await tx
            .select({ held: sql<boolean>`${deskHeld(tx, `${role}@${role === "team" ? "" : scope}`)}` })
            .from(sql`(values (1)) as one (x)`)
            .prepare("desk_held")
            .execute({ tenantId, assigneeTeam: place.team, ...deskValues(place, place.handlingUnitId) });
          return { found: recipients.length > 0, held: row!.held };
        });
        expect({ role, scope, place: name, held }).toEqual({ role, scope, place: name, held: found });
        outcomes.push(found);
      }
    }
    // Not vacuous: the matrix has held desks and desks nobody holds.
    expect(outcomes.filter((held) => held).length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((held) => !held).length).toBeGreaterThanOrEqual(10);
  });
});
