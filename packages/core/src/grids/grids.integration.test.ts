import { auditLog, communities, deputies, gridDeputies, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { addCommunity } from "../communities/add-community";
import { listCommunities } from "../communities/list-communities";
import { renameCommunity } from "../communities/rename-community";
import { setCommunityArchived } from "../communities/set-community-archived";
import { searchDeputyOptions } from "../deputies/search-deputy-options";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { type countyAdminOf, memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { createGrid } from "./create-grid";
import { deleteGrid } from "./delete-grid";
import { listGrids } from "./list-grids";
import { renameGrid } from "./rename-grid";
import { setGridDeputies } from "./set-grid-deputies";

describe.each(testDrivers())("communities and grids on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let jinling: string;
  let shuangding: string;
  let admin: ReturnType<typeof countyAdminOf>;
  const ctx = () => ({ actor: admin, ip: "10.6.6.6", clock: systemClock });
  const operatorOf = (townshipId: string) => ({
    actor: memberOf(tenantId, "township_operator", [townshipId]),
    ip: null,
    clock: systemClock,
  });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const communityNamed = (name: string) =>
    inCounty(async (tx) => (await tx.select().from(communities).where(eq(communities.name, name)))[0]!);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId, admin } = await onboardTestCounty(t.db));
    const rows = await inCounty((tx) => tx.select().from(townships));
    jinling = rows.find((r) => r.name === "金陵镇")!.id;
    shuangding = rows.find((r) => r.name === "双定镇")!.id;
    await inCounty((tx) =>
      tx.insert(deputies).values([
        { name: "韦建国", level: "county", townshipId: jinling, phone: "13977100001" },
        { name: "黄秀英", level: "township", townshipId: jinling },
        { name: "覃明华", level: "county", townshipId: shuangding },
      ]),
    );
  });
  afterAll(() => t.drop());

  it("lets a township operator add, rename and archive its communities, and no other township's", async () => {
    const jl = operatorOf(jinling);
    const listed = await inCounty((tx) => listCommunities(tx, jl, { townshipId: jinling }));
    expect(listed.map((c) => c.name)).toEqual(expect.arrayContaining(["金陵村", "那龙社区"]));
    const added = await inCounty((tx) => addCommunity(tx, jl, { townshipId: jinling, name: " 金陵新城社区 " }));
    expect(added).toMatchObject({ name: "金陵新城社区", divisionCode: null });
    await expect(
      inCounty((tx) => addCommunity(tx, jl, { townshipId: jinling, name: "金陵村" })),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(inCounty((tx) => addCommunity(tx, jl, { townshipId: shuangding, name: "越权村" }))).rejects.toThrow(
      /Not allowed/,
    );
    await inCounty((tx) => renameCommunity(tx, jl, { id: added.id, name: "金陵新城" }));
    await inCounty((tx) => setCommunityArchived(tx, jl, { id: added.id, archived: true }));
    expect((await inCounty((tx) => listCommunities(tx, jl))).map((c) => c.name)).not.toContain("金陵新城");
    const all = await inCounty((tx) => listCommunities(tx, jl, { includeArchived: true }));
    expect(all.find((c) => c.name === "金陵新城")).toMatchObject({ archived: true, townshipName: "金陵镇" });
    // Only Jinling's communities, whatever township is asked for.
    expect(all.every((c) => c.townshipId === jinling)).toBe(true);
    await expect(inCounty((tx) => listCommunities(tx, jl, { townshipId: shuangding }))).rejects.toThrow(/Not allowed/);

    const shuangdingVillage = (await inCounty((tx) => listCommunities(tx, ctx(), { townshipId: shuangding })))[0]!;
    await expect(inCounty((tx) => renameCommunity(tx, jl, { id: shuangdingVillage.id, name: "改名" }))).rejects.toThrow(
      /Not allowed/,
    );
    await expect(
      inCounty((tx) => setCommunityArchived(tx, jl, { id: "00000000-0000-4000-8000-000000000000", archived: true })),
    ).rejects.toBeInstanceOf(NotFoundError);
    const actions = (await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, added.id)))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["community.added", "community.renamed", "community.archived"]);
  });

  it("keeps grids and their deputies within the township: create, assign, rename, delete", async () => {
    const jl = operatorOf(jinling);
    const village = await communityNamed("金陵村");
    const grid = await inCounty((tx) => createGrid(tx, jl, { communityId: village.id, name: "第一网格" }));
    await expect(
      inCounty((tx) => createGrid(tx, jl, { communityId: village.id, name: "第一网格" })),
    ).rejects.toBeInstanceOf(ConflictError);
    const elsewhere = (await inCounty((tx) => listCommunities(tx, ctx(), { townshipId: shuangding })))[0]!;
    await expect(inCounty((tx) => createGrid(tx, jl, { communityId: elsewhere.id, name: "越权网格" }))).rejects.toThrow(
      /Not allowed/,
    );
    const otherGrid = await inCounty((tx) => createGrid(tx, ctx(), { communityId: elsewhere.id, name: "双定一格" }));

    // The picker offers Jinling's deputies to Jinling's operator, with no phone numbers.
    const options = await inCounty((tx) => searchDeputyOptions(tx, jl, {}));
    expect(options.map((o) => o.name).sort()).toEqual(["韦建国", "黄秀英"].sort());
    expect(options[0]).not.toHaveProperty("phone");
    const qin = (await inCounty((tx) => searchDeputyOptions(tx, ctx(), { search: "覃" })))[0]!;
    const bad = await inCounty((tx) => setGridDeputies(tx, jl, grid.id, [qin.id])).catch((e) => e);
    expect((bad as ValidationError).fieldErrors).toEqual({ deputyIds: "validation.invalidReference" });
    await inCounty((tx) =>
      setGridDeputies(
        tx,
        jl,
        grid.id,
        options.map((o) => o.id),
      ),
    );

    const mine = await inCounty((tx) => listGrids(tx, jl));
    expect(mine.rows).toEqual([
      expect.objectContaining({
        name: "第一网格",
        communityName: "金陵村",
        townshipName: "金陵镇",
        deputies: [expect.objectContaining({ name: "韦建国" }), expect.objectContaining({ name: "黄秀英" })],
      }),
    ]);
    expect((await inCounty((tx) => listGrids(tx, ctx()))).total).toBe(2);
    expect((await inCounty((tx) => listGrids(tx, ctx(), { search: "双定" }))).rows.map((r) => r.name)).toEqual([
      "双定一格",
    ]);
    expect((await inCounty((tx) => listGrids(tx, ctx(), { communityId: village.id }))).total).toBe(1);
    await expect(inCounty((tx) => renameGrid(tx, jl, otherGrid.id, "改名"))).rejects.toThrow(/Not allowed/);
    await expect(inCounty((tx) => deleteGrid(tx, jl, otherGrid.id))).rejects.toThrow(/Not allowed/);
    await expect(inCounty((tx) => renameGrid(tx, jl, grid.id, ""))).rejects.toBeInstanceOf(ValidationError);
    await inCounty((tx) => renameGrid(tx, jl, grid.id, "金陵村一网格"));
    expect(
      (await inCounty((tx) => listCommunities(tx, jl, { townshipId: jinling }))).find((c) => c.id === village.id),
    ).toMatchObject({ gridCount: 1 });
    await inCounty((tx) => deleteGrid(tx, jl, grid.id));
    expect(
      await inCounty((tx) =>
        tx
          .select()
          .from(gridDeputies)
          .where(and(eq(gridDeputies.gridId, grid.id))),
      ),
    ).toEqual([]);
    expect((await inCounty((tx) => listGrids(tx, jl))).total).toBe(0);
    const audit = (await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, grid.id)))).map(
      (a) => a.action,
    );
    expect(audit).toEqual(["grid.created", "grid.deputies_set", "grid.renamed", "grid.deleted"]);
  });
});
