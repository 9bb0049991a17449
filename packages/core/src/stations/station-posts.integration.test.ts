import { auditLog, deputies, deputyStations, memberships, notifications, postClaims, users } from "@rdlink/db";
import { type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { claimPost } from "../posts/claim-post";
import { createDutyPost } from "../posts/create-duty-post";
import { decideClaim } from "../posts/decide-claim";
import { endClaim } from "../posts/end-claim";
import { listDutyPosts } from "../posts/list-duty-posts";
import { moveDutyPost } from "../posts/move-duty-post";
import { updateDutyPost } from "../posts/update-duty-post";
import { ConflictError, type ValidationError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { getStation } from "./get-station";
import { removeDeputy } from "./remove-deputy";
import { setStationPosts } from "./set-station-posts";
import { failure, stationTestCounty } from "./station-test-county";
import { updateStation } from "./update-station";

describe.each(testDrivers())("duty posts at stations and their claims on %s", (driver) => {
  const county = stationTestCounty(driver);
  const { admin, operatorOf, inCounty, newStation } = county;
  let t: TestDatabase;
  let tenantId: string;
  let jinling: string;
  let liaisonId: string;
  beforeAll(async () => {
    ({ t, tenantId, jinling, liaisonId } = await county.setUp());
  });
  afterAll(() => county.drop());

  it("offers, withdraws and archives duty posts, keeping holders until they step down", async () => {
    const station = await newStation("金陵镇第五联络站");
    const created = await inCounty((tx) =>
      createDutyPost(tx, admin(), { name: "侨务服务岗", description: "联系归侨侨眷" }),
    );
    const duplicate = await failure(inCounty((tx) => createDutyPost(tx, admin(), { name: "侨务服务岗" })));
    expect(duplicate).toBeInstanceOf(ConflictError);
    await inCounty((tx) => moveDutyPost(tx, admin(), { postId: created.id, direction: "up" }));
    const catalog = await inCounty((tx) => listDutyPosts(tx, admin()));
    expect(catalog.map((p) => p.name).slice(-2)).toEqual(["侨务服务岗", "康乐生活岗"]);
    const law = catalog.find((p) => p.name === "法律服务岗")!;

    const [deputyUser] = await t.db.withoutTenant((tx) =>
      tx.insert(users).values({ username: "lu", displayName: "陆德才", homeTenantId: tenantId }).returning(),
    );
    const [deputy] = await inCounty((tx) =>
      tx
        .insert(deputies)
        .values({ name: "陆德才", level: "county", townshipId: jinling, userId: deputyUser!.id })
        .returning(),
    );
    await inCounty((tx) => tx.insert(deputyStations).values({ deputyId: deputy!.id, stationId: station.id }));
    const asDeputy = {
      actor: { ...memberOf(tenantId, "deputy"), userId: deputyUser!.id },
      ip: null,
      clock: systemClock,
    };
    const claim = await inCounty((tx) =>
      claimPost(tx, asDeputy, { stationId: station.id, postId: law.id, statement: "每周三提供法律咨询" }),
    );
    const decider = {
      actor: await realMemberOf(t.db, tenantId, "township_operator", [jinling]),
      ip: null,
      clock: systemClock,
    };
    // The claim waits for approval: those who decide it hear of it, the claimant does not.
    const rung = (template: string) =>
      inCounty((tx) => tx.select().from(notifications).where(eq(notifications.template, template)));
    const pending = await rung("post.claimPending");
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]!.params).toMatchObject({ deputy: "陆德才", post: "法律服务岗" });
    const roles = await inCounty((tx) => tx.select().from(memberships));
    for (const n of pending) {
      expect(n.userId).not.toBe(deputyUser!.id);
      expect(roles.some((m) => m.userId === n.userId && ["county_admin", "township_operator"].includes(m.role))).toBe(
        true,
      );
    }
    expect(pending.some((n) => roles.some((m) => m.userId === n.userId && m.role === "county_admin"))).toBe(true);
    await inCounty((tx) => decideClaim(tx, decider, { claimId: claim.id, decision: "approve" }));
    // The decision reaches the claimant.
    expect((await rung("post.claimApproved")).map((n) => n.userId)).toEqual([deputyUser!.id]);

    const offeredIds = (await inCounty((tx) => getStation(tx, admin(), station.id))).posts.map((p) => p.id);
    const held = await failure(
      inCounty((tx) =>
        setStationPosts(tx, admin(), { stationId: station.id, postIds: offeredIds.filter((id) => id !== law.id) }),
      ),
    );
    expect(held).toMatchObject({ message: "errors.postStillHeld", values: { post: "法律服务岗" } });

    // Archiving the post: no new claims, the holder keeps it.
    await inCounty((tx) => updateDutyPost(tx, admin(), { postId: law.id, name: "法律服务岗", archived: "on" }));
    let page = await inCounty((tx) => getStation(tx, asDeputy, station.id));
    const lawPost = page.posts.find((p) => p.id === law.id)!;
    expect(lawPost.holders.map((h) => h.deputyName)).toEqual(["陆德才"]);
    expect(lawPost.iMayClaim).toBe(false);
    const onArchived = await failure(
      inCounty((tx) => claimPost(tx, asDeputy, { stationId: station.id, postId: law.id, statement: "再认领" })),
    );
    expect((onArchived as ValidationError).fieldErrors).toEqual({ postId: "validation.invalidReference" });

    await inCounty((tx) => endClaim(tx, asDeputy, { claimId: claim.id }));
    page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.posts.find((p) => p.id === law.id)).toMatchObject({ holders: [], pastCount: 1 });
    await inCounty((tx) => updateDutyPost(tx, admin(), { postId: law.id, name: "法律服务岗" }));

    // A post with history can be withdrawn; offered again, its history is back.
    await inCounty((tx) =>
      setStationPosts(tx, admin(), { stationId: station.id, postIds: offeredIds.filter((id) => id !== law.id) }),
    );
    page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.posts.map((p) => p.id)).not.toContain(law.id);
    await inCounty((tx) => setStationPosts(tx, admin(), { stationId: station.id, postIds: offeredIds }));
    page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.posts.find((p) => p.id === law.id)).toMatchObject({ holders: [], pastCount: 1 });

    // Withdrawing an unclaimed post works; a new post can be offered.
    const environment = catalog.find((p) => p.name === "生态文明岗")!;
    await inCounty((tx) =>
      setStationPosts(tx, admin(), {
        stationId: station.id,
        postIds: [...offeredIds.filter((id) => id !== environment.id), created.id],
      }),
    );
    page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.posts.map((p) => p.name)).toContain("侨务服务岗");
    expect(page.posts.map((p) => p.name)).not.toContain("生态文明岗");
  });

  it("ends a deputy's claims when they leave the station, and keeps the station head in place", async () => {
    const station = await newStation("金陵镇第六联络站");
    const [deputy] = await inCounty((tx) =>
      tx.insert(deputies).values({ name: "覃春梅", level: "county", townshipId: jinling }).returning(),
    );
    await inCounty((tx) => tx.insert(deputyStations).values({ deputyId: deputy!.id, stationId: station.id }));
    const [post] = (await inCounty((tx) => getStation(tx, admin(), station.id))).posts;
    await inCounty((tx) =>
      tx
        .insert(postClaims)
        .values({ stationId: station.id, postId: post!.id, deputyId: deputy!.id, statement: "x", status: "approved" }),
    );
    await inCounty((tx) =>
      updateStation(tx, admin(), {
        stationId: station.id,
        name: "金陵镇第六联络站",
        liaisonUserIds: [liaisonId],
        headDeputyId: deputy!.id,
      }),
    );
    const head = await failure(
      inCounty((tx) => removeDeputy(tx, admin(), { stationId: station.id, deputyId: deputy!.id })),
    );
    expect(head).toMatchObject({ message: "errors.headCannotLeave" });
    await inCounty((tx) =>
      updateStation(tx, admin(), {
        stationId: station.id,
        name: "金陵镇第六联络站",
        liaisonUserIds: [liaisonId],
        headDeputyId: "",
      }),
    );
    await inCounty((tx) => removeDeputy(tx, operatorOf(jinling), { stationId: station.id, deputyId: deputy!.id }));
    const page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.deputies).toEqual([]);
    expect(page.posts[0]).toMatchObject({ holders: [], pastCount: 1 });
    const [removal] = await inCounty((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "station.deputy_removed")),
    );
    expect(removal!.detail).toMatchObject({ deputy: "覃春梅" });
  });
});
