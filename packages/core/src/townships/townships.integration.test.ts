import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { onboardCounty } from "../tenants/onboard-county";
import { countyAdminOf, createOperator } from "../testing/actors";
import { addTownship } from "./add-township";
import { listTownships } from "./list-townships";
import { renameTownship } from "./rename-township";
import { setTownshipArchived } from "./set-township-archived";

describe.each(testDrivers())("keeping townships on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  let ctx: { actor: ReturnType<typeof countyAdminOf>; ip: string; clock: Clock };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const operator = { actor: await createOperator(t.db), ip: null, clock: systemClock };
    tenantId = (
      await onboardCounty(t.db, operator, {
        divisionCode: "450103",
        adminUsername: "qx-admin",
        adminDisplayName: "青秀",
      })
    ).tenantId;
    otherTenantId = (
      await onboardCounty(t.db, operator, {
        divisionCode: "450107",
        adminUsername: "xxt-admin",
        adminDisplayName: "西乡塘",
      })
    ).tenantId;
    ctx = { actor: countyAdminOf(tenantId, operator.actor.userId), ip: "10.3.3.3", clock: systemClock };
  });
  afterAll(() => t.drop());

  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  it("adds, renames, archives and restores a township", async () => {
    const added = await inCounty((tx) => addTownship(tx, ctx, { name: "  五象新区  ", kind: "other" }));
    expect(added).toMatchObject({ name: "五象新区", divisionCode: null });
    await inCounty((tx) => renameTownship(tx, ctx, { id: added.id, name: "五象新区管委会" }));
    await inCounty((tx) => setTownshipArchived(tx, ctx, { id: added.id, archived: true }));
    const active = await inCounty((tx) => listTownships(tx, ctx, { search: "五象" }));
    expect(active.total).toBe(0);
    const all = await inCounty((tx) => listTownships(tx, ctx, { search: "五象", includeArchived: "true" }));
    expect(all.rows.map((r) => r.name)).toEqual(["五象新区管委会"]);
    await inCounty((tx) => setTownshipArchived(tx, ctx, { id: added.id, archived: false }));
    expect((await inCounty((tx) => listTownships(tx, ctx))).total).toBe(12);
  });

  it("refuses a duplicate or empty name and writes nothing", async () => {
    await expect(inCounty((tx) => addTownship(tx, ctx, { name: "新竹街道", kind: "street" }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(inCounty((tx) => addTownship(tx, ctx, { name: " ", kind: "street" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(inCounty((tx) => addTownship(tx, ctx, { name: "某镇", kind: "city" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await inCounty((tx) => listTownships(tx, ctx))).total).toBe(12);
  });

  it("cannot reach another county's township even by its id", async () => {
    const [foreign] = (
      await t.db.withTenant(otherTenantId, (tx) =>
        listTownships(tx, { ...ctx, actor: countyAdminOf(otherTenantId, ctx.actor.userId) }),
      )
    ).rows;
    await expect(inCounty((tx) => renameTownship(tx, ctx, { id: foreign!.id, name: "被改名" }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      inCounty((tx) => setTownshipArchived(tx, ctx, { id: foreign!.id, archived: true })),
    ).rejects.toBeInstanceOf(NotFoundError);
    // And an admin of this county cannot open the other county's transaction.
    await expect(
      t.db.withTenant(otherTenantId, (tx) => addTownship(tx, ctx, { name: "x", kind: "town" })),
    ).rejects.toThrow(/Not allowed/);
  });
});
