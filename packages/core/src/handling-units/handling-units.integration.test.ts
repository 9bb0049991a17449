import { auditLog, memberships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation } from "../auth/accept-invitation";
import { loadActor } from "../auth/load-actor";
import { systemClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { countyAdminOf, memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { mobileNumbersIn } from "../testing/phones";
import { inviteUser } from "../users/invite-user";
import { listUsers } from "../users/list-users";
import { addHandlingUnitContact } from "./add-handling-unit-contact";
import { createHandlingUnit } from "./create-handling-unit";
import { editHandlingUnit } from "./edit-handling-unit";
import { editHandlingUnitContact } from "./edit-handling-unit-contact";
import { getHandlingUnit } from "./get-handling-unit";
import { listHandlingUnits } from "./list-handling-units";
import { removeHandlingUnitContact } from "./remove-handling-unit-contact";
import { revealContactPhone } from "./reveal-contact-phone";
import { setHandlingUnitArchived } from "./set-handling-unit-archived";

const PASSWORD = "千里江陵一日还两岸猿声";

describe.each(testDrivers())("handling units on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  let admin: ReturnType<typeof countyAdminOf>;
  const ctx = () => ({ actor: admin, ip: "10.5.5.5", clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId, admin } = await onboardTestCounty(t.db));
    ({ tenantId: otherTenantId } = await onboardTestCounty(t.db, "450103"));
  });
  afterAll(() => t.drop());

  it("creates, edits, archives and restores a unit; names are unique in the county", async () => {
    const unit = await inCounty((tx) =>
      createHandlingUnit(tx, ctx(), { name: " 区住建局 ", duties: "城乡建设、住房保障", address: "" }),
    );
    expect(unit).toMatchObject({ name: "区住建局", duties: "城乡建设、住房保障", address: null });
    await expect(inCounty((tx) => createHandlingUnit(tx, ctx(), { name: "区住建局" }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(inCounty((tx) => createHandlingUnit(tx, ctx(), { name: "" }))).rejects.toBeInstanceOf(ValidationError);
    await inCounty((tx) => createHandlingUnit(tx, ctx(), { name: "区教育局", duties: "教育" }));
    await inCounty((tx) =>
      editHandlingUnit(tx, ctx(), unit.id, { name: "区住房和城乡建设局", duties: "住房保障、物业管理" }),
    );
    await inCounty((tx) => setHandlingUnitArchived(tx, ctx(), unit.id, true));
    expect((await inCounty((tx) => listHandlingUnits(tx, ctx()))).rows.map((r) => r.name)).toEqual(["区教育局"]);
    const searched = await inCounty((tx) => listHandlingUnits(tx, ctx(), { search: "物业", includeArchived: "1" }));
    expect(searched.rows).toEqual([expect.objectContaining({ name: "区住房和城乡建设局", archived: true })]);
    await inCounty((tx) => setHandlingUnitArchived(tx, ctx(), unit.id, false));
    expect((await inCounty((tx) => listHandlingUnits(tx, ctx()))).total).toBe(2);
    const actions = (await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, unit.id)))).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      "handlingUnit.created",
      "handlingUnit.edited",
      "handlingUnit.archived",
      "handlingUnit.restored",
    ]);
  });

  it("keeps contact phones masked in lists and pages; the admin's reveal is audited", async () => {
    const [unit] = (await inCounty((tx) => listHandlingUnits(tx, ctx(), { search: "住房" }))).rows;
    const contact = await inCounty((tx) =>
      addHandlingUnitContact(tx, ctx(), unit!.id, { name: "李科长", title: "办公室主任", phone: "138 0771 2345" }),
    );
    const bad = await inCounty((tx) =>
      addHandlingUnitContact(tx, ctx(), unit!.id, { name: "王", phone: "12345" }),
    ).catch((e) => e);
    expect((bad as ValidationError).fieldErrors).toEqual({ phone: "validation.invalidPhone" });

    const list = await inCounty((tx) => listHandlingUnits(tx, ctx()));
    const page = await inCounty((tx) => getHandlingUnit(tx, ctx(), unit!.id));
    expect(mobileNumbersIn([list, page])).toEqual([]);
    expect(page.contacts).toEqual([expect.objectContaining({ name: "李科长", phone: "138****2345" })]);

    // A blank phone on edit keeps the number on file.
    await inCounty((tx) =>
      editHandlingUnitContact(tx, ctx(), unit!.id, contact.id, { name: "李明", title: "副主任", phone: "" }),
    );
    expect(await inCounty((tx) => revealContactPhone(tx, ctx(), unit!.id, contact.id))).toBe("13807712345");
    const operator = { actor: memberOf(tenantId, "township_operator", []), ip: null, clock: systemClock };
    await expect(inCounty((tx) => revealContactPhone(tx, operator, unit!.id, contact.id))).rejects.toThrow(
      /Not allowed/,
    );
    const audit = await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, unit!.id)));
    const reveal = audit.find((a) => a.action === "handlingUnit.phone_revealed");
    expect(reveal).toMatchObject({ actorUserId: admin.userId, detail: { contact: "李明" } });
    expect(mobileNumbersIn(audit.map((a) => a.detail))).toEqual([]);

    await inCounty((tx) => removeHandlingUnitContact(tx, ctx(), unit!.id, contact.id));
    expect((await inCounty((tx) => getHandlingUnit(tx, ctx(), unit!.id))).contacts).toEqual([]);
  });

  it("invites a responder for a unit: the unit is required, named in the users list and on the unit page", async () => {
    const [unit] = (await inCounty((tx) => listHandlingUnits(tx, ctx(), { search: "住房" }))).rows;
    const invite = (input: object) => inCounty((tx) => inviteUser(tx, ctx(), input));
    const base = { username: "zjj-li", displayName: "李承办", role: "handling_unit_responder" };
    const missing = await invite(base).catch((e) => e);
    expect((missing as ValidationError).fieldErrors).toEqual({ handlingUnitId: "validation.handlingUnitRequired" });
    const unknown = await invite({ ...base, handlingUnitId: "00000000-0000-4000-8000-000000000000" }).catch((e) => e);
    expect((unknown as ValidationError).fieldErrors).toEqual({ handlingUnitId: "validation.unknownHandlingUnit" });

    const { invitationToken } = await invite({ ...base, handlingUnitId: unit!.id });
    const session = await acceptInvitation(
      t.db,
      invitationToken,
      { password: PASSWORD, confirmPassword: PASSWORD },
      { ip: null, userAgent: null },
      new Date(),
    );
    const responder = (await loadActor(t.db, session.token, new Date()))!.actor;
    expect(responder.memberships).toEqual([
      { role: "handling_unit_responder", townshipIds: [], handlingUnitId: unit!.id },
    ]);
    const users = await inCounty((tx) => listUsers(tx, ctx()));
    expect(users.find((u) => u.username === "zjj-li")).toMatchObject({ handlingUnitName: "区住房和城乡建设局" });
    const page = await inCounty((tx) => getHandlingUnit(tx, ctx(), unit!.id));
    expect(page.staff).toEqual([expect.objectContaining({ username: "zjj-li", activated: true })]);
    expect((await inCounty((tx) => listHandlingUnits(tx, ctx(), { search: "住房" }))).rows[0]!.staffCount).toBe(1);
    // The responder reads units but not who else works there, and changes nothing.
    const asResponder = { actor: responder, ip: null, clock: systemClock };
    expect((await inCounty((tx) => getHandlingUnit(tx, asResponder, unit!.id))).staff).toEqual([]);
    await expect(inCounty((tx) => createHandlingUnit(tx, asResponder, { name: "越权局" }))).rejects.toThrow(
      /Not allowed/,
    );
    const rows = await inCounty((tx) => tx.select().from(memberships).where(eq(memberships.handlingUnitId, unit!.id)));
    expect(rows).toHaveLength(1);
  });

  it("reaches a contact only through its own unit: another unit's contact is not found", async () => {
    const own = await inCounty((tx) => createHandlingUnit(tx, ctx(), { name: "区民政局" }));
    const other = await inCounty((tx) => createHandlingUnit(tx, ctx(), { name: "区水利局" }));
    const contact = await inCounty((tx) =>
      addHandlingUnitContact(tx, ctx(), other.id, { name: "赵联络员", phone: "13900000002" }),
    );
    const throughWrongUnit = [
      () => inCounty((tx) => editHandlingUnitContact(tx, ctx(), own.id, contact.id, { name: "改", phone: "" })),
      () => inCounty((tx) => revealContactPhone(tx, ctx(), own.id, contact.id)),
      () => inCounty((tx) => removeHandlingUnitContact(tx, ctx(), own.id, contact.id)),
      () => inCounty((tx) => revealContactPhone(tx, ctx(), "not-a-uuid", contact.id)),
    ];
    for (const attempt of throughWrongUnit) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    // Nothing changed, and no reveal was recorded.
    const page = await inCounty((tx) => getHandlingUnit(tx, ctx(), other.id));
    expect(page.contacts).toEqual([expect.objectContaining({ id: contact.id, name: "赵联络员" })]);
    const audit = await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, other.id)));
    expect(audit.map((a) => a.action)).toEqual(["handlingUnit.created", "handlingUnit.contact_added"]);
  });

  it("cannot reach another county's unit or contact, even by id", async () => {
    const otherAdmin = { actor: countyAdminOf(otherTenantId, admin.userId), ip: null, clock: systemClock };
    const foreign = await t.db.withTenant(otherTenantId, (tx) =>
      createHandlingUnit(tx, otherAdmin, { name: "青秀区住建局" }),
    );
    const foreignContact = await t.db.withTenant(otherTenantId, (tx) =>
      addHandlingUnitContact(tx, otherAdmin, foreign.id, { name: "张三", phone: "13900000001" }),
    );
    await expect(inCounty((tx) => getHandlingUnit(tx, ctx(), foreign.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(inCounty((tx) => editHandlingUnit(tx, ctx(), foreign.id, { name: "改" }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(inCounty((tx) => revealContactPhone(tx, ctx(), foreign.id, foreignContact.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      inCounty((tx) => removeHandlingUnitContact(tx, ctx(), foreign.id, foreignContact.id)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(inCounty((tx) => getHandlingUnit(tx, ctx(), "not-a-uuid"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
