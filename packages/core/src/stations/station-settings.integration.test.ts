import fs from "node:fs";
import { deputies, deputyStations } from "@rdlink/db";
import { type TestDatabase, testDrivers } from "@rdlink/db/testing";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChecklist } from "../checklists/create-checklist";
import { listChecklists } from "../checklists/list-checklists";
import { systemClock } from "../clock";
import { saveUploadedImages } from "../files/save-uploaded-images";
import { withStagedFiles } from "../files/staged-files";
import { UploadError } from "../files/store-image";
import { ConflictError, NotFoundError, type ValidationError } from "../shared/errors";
import { createStationType } from "../station-types/create-station-type";
import { listStationTypes } from "../station-types/list-station-types";
import { setStationTypeArchived } from "../station-types/set-station-type-archived";
import { setStationTypeFields } from "../station-types/set-station-type-fields";
import { updateStationType } from "../station-types/update-station-type";
import { realMemberOf } from "../testing/actors";
import { createStation } from "./create-station";
import { getStation } from "./get-station";
import { recordChecklistItem } from "./record-checklist-item";
import { failure, stationTestCounty } from "./station-test-county";
import { updateStation } from "./update-station";

describe.each(testDrivers())("station types, standards and stations on %s", (driver) => {
  const county = stationTestCounty(driver);
  const { admin, operatorOf, inCounty, newStation } = county;
  let t: TestDatabase;
  let tenantId: string;
  let jinling: string;
  let shuangding: string;
  let liaisonId: string;
  let otherLiaisonId: string;
  let typeId: string;
  let filesDir: string;
  beforeAll(async () => {
    ({ t, tenantId, jinling, shuangding, liaisonId, otherLiaisonId, typeId, filesDir } = await county.setUp());
  });
  afterAll(() => county.drop());

  it("creates a station type following a county's own standard, and archives it out of the pickers", async () => {
    const standard = await inCounty((tx) =>
      createChecklist(tx, admin(), {
        name: "七有",
        items: "有场所\n有牌子\n\n有制度 \n有活动\n有台账\n有经费\n有档案",
      }),
    );
    const duplicateItem = await failure(
      inCounty((tx) => createChecklist(tx, admin(), { name: "重复", items: "有场所\n有场所" })),
    );
    expect((duplicateItem as ValidationError).fieldErrors).toEqual({ items: "validation.duplicateItem" });
    const { id } = await inCounty((tx) =>
      createStationType(tx, admin(), { name: "侨务联络站", checklistId: standard.id }),
    );
    const taken = await failure(
      inCounty((tx) => createStationType(tx, admin(), { name: "侨务联络站", checklistId: "" })),
    );
    expect(taken).toBeInstanceOf(ConflictError);

    await inCounty((tx) =>
      updateStationType(tx, admin(), { stationTypeId: id, name: "侨务代表联络站", checklistId: "" }),
    );
    let types = await inCounty((tx) => listStationTypes(tx, admin()));
    expect(types.find((type) => type.id === id)).toMatchObject({
      name: "侨务代表联络站",
      checklistName: null,
      stationCount: 0,
    });
    // New types start with the default public form (where it happened) to build on.
    expect(types.find((type) => type.id === id)!.intakeFields.map((f) => f.key)).toEqual(["location"]);

    await inCounty((tx) => setStationTypeArchived(tx, admin(), { stationTypeId: id, archived: true }));
    types = await inCounty((tx) => listStationTypes(tx, admin()));
    expect(types.some((type) => type.id === id)).toBe(false);
    const archivedType = await failure(
      inCounty((tx) =>
        createStation(tx, admin(), {
          stationTypeId: id,
          townshipId: jinling,
          name: "不该建",
          liaisonUserIds: [liaisonId],
        }),
      ),
    );
    expect((archivedType as ValidationError).fieldErrors).toEqual({ stationTypeId: "validation.invalidReference" });
    const standards = await inCounty((tx) => listChecklists(tx, admin()));
    expect(standards.map((s) => s.name)).toEqual(["十有", "五有", "七有"]);
    expect(standards.find((s) => s.name === "七有")!.typeNames).toEqual([]);
  });

  it("only lets a township operator change its own townships' stations, and keeps station types to the county admin", async () => {
    const station = await newStation("金陵镇第一联络站");
    const edit = { stationId: station.id, name: "金陵镇第一联络站", liaisonUserIds: [liaisonId] };
    await expect(inCounty((tx) => updateStation(tx, operatorOf(shuangding), edit))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await inCounty((tx) => updateStation(tx, operatorOf(jinling), { ...edit, address: "金陵镇新街1号" }));
    await expect(
      inCounty((tx) => setStationTypeFields(tx, operatorOf(jinling), { stationTypeId: typeId, intakeFields: [] })),
    ).rejects.toThrow(/Not allowed/);
  });

  it("refuses a half map point, a head who is not stationed there and a liaison officer of another township, writing nothing", async () => {
    const station = await newStation("金陵镇第二联络站");
    const base = { stationId: station.id, name: "金陵镇第二联络站", liaisonUserIds: [liaisonId] };
    const half = await failure(inCounty((tx) => updateStation(tx, admin(), { ...base, latitude: "22.85" })));
    expect((half as ValidationError).fieldErrors).toEqual({ longitude: "validation.mapPointHalf" });
    const [deputy] = await inCounty((tx) =>
      tx.insert(deputies).values({ name: "蒙秀英", level: "township", townshipId: jinling }).returning(),
    );
    const head = await failure(inCounty((tx) => updateStation(tx, admin(), { ...base, headDeputyId: deputy!.id })));
    expect((head as ValidationError).fieldErrors).toEqual({ headDeputyId: "validation.headNotStationed" });
    const liaison = await failure(
      inCounty((tx) => updateStation(tx, admin(), { ...base, liaisonUserIds: [otherLiaisonId] })),
    );
    expect((liaison as ValidationError).fieldErrors).toEqual({ liaisonUserIds: "validation.liaisonScope" });

    await inCounty((tx) => tx.insert(deputyStations).values({ deputyId: deputy!.id, stationId: station.id }));
    await inCounty((tx) =>
      updateStation(tx, admin(), {
        ...base,
        latitude: "22.8456",
        longitude: "108.2467",
        headDeputyId: deputy!.id,
        status: "planned",
      }),
    );
    const page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.station).toMatchObject({ latitude: 22.8456, longitude: 108.2467, status: "planned" });
    expect(page.headDeputyName).toBe("蒙秀英");
    expect(page.station.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it("refuses on a public intake form the fields a citizen may not be asked for, writing nothing", async () => {
    const label = { "zh-CN": "字段" };
    const before = await inCounty((tx) => listStationTypes(tx, admin()));
    for (const type of ["deputy", "handlingUnit", "image", "phone"] as const) {
      const refused = await failure(
        inCounty((tx) =>
          setStationTypeFields(tx, admin(), {
            stationTypeId: typeId,
            intakeFields: [
              { key: "location", label, type: "text" },
              { key: "picked", label, type },
            ],
          }),
        ),
      );
      expect((refused as ValidationError).fieldErrors).toEqual({ "intakeFields.1.type": "validation.invalidOption" });
    }
    const after = await inCounty((tx) => listStationTypes(tx, admin()));
    expect(after.find((type) => type.id === typeId)!.intakeFields).toEqual(
      before.find((type) => type.id === typeId)!.intakeFields,
    );
    // A station's own fields may hold a photo: those are the county's, not a citizen's.
    await inCounty((tx) =>
      setStationTypeFields(tx, admin(), {
        stationTypeId: typeId,
        customFields: [{ key: "doorPhoto", label, type: "image" }],
      }),
    );
    await inCounty((tx) => setStationTypeFields(tx, admin(), { stationTypeId: typeId, customFields: [] }));
  });

  it("keeps values of removed custom fields when a station is edited", async () => {
    await inCounty((tx) =>
      setStationTypeFields(tx, admin(), {
        stationTypeId: typeId,
        customFields: [{ key: "area", label: { "zh-CN": "面积" }, type: "number" }],
      }),
    );
    const station = await newStation("金陵镇第三联络站", { customValues: { area: "80" } });
    await inCounty((tx) =>
      setStationTypeFields(tx, admin(), {
        stationTypeId: typeId,
        customFields: [{ key: "rooms", label: { "zh-CN": "房间数" }, type: "number" }],
      }),
    );
    await inCounty((tx) =>
      updateStation(tx, admin(), {
        stationId: station.id,
        name: "金陵镇第三联络站",
        liaisonUserIds: [liaisonId],
        customValues: { rooms: "3", area: "999" },
      }),
    );
    const page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.station.customValues).toEqual({ area: 80, rooms: 3 });
    expect(page.fields.find((f) => f.definition.key === "area")).toMatchObject({ removed: true, value: 80 });
    await inCounty((tx) => setStationTypeFields(tx, admin(), { stationTypeId: typeId, customFields: [] }));
  });

  it("records checklist compliance with re-encoded evidence photos, and refuses items outside the standard", async () => {
    const station = await newStation("金陵镇第四联络站");
    const uploader = {
      actor: await realMemberOf(t.db, tenantId, "township_operator", [jinling]),
      ip: null,
      clock: systemClock,
    };
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a33" } })
      .jpeg()
      .toBuffer();
    const photoIds = await withStagedFiles(filesDir, (staged) =>
      inCounty((tx) =>
        saveUploadedImages(tx, uploader, [{ bytes: photo, filename: "场所.jpg", declaredType: "image/jpeg" }], {
          staged,
          maxFiles: 6,
        }),
      ),
    );
    expect(fs.readdirSync(filesDir)).toContain(`${photoIds[0]}.jpg`);
    await inCounty((tx) =>
      recordChecklistItem(tx, operatorOf(jinling), {
        stationId: station.id,
        item: "有场所",
        met: "yes",
        note: "活动室 60 平方米",
        photoIds,
      }),
    );
    const wrongItem = await failure(
      inCounty((tx) => recordChecklistItem(tx, admin(), { stationId: station.id, item: "有游泳池", met: "yes" })),
    );
    expect((wrongItem as ValidationError).fieldErrors).toEqual({ item: "validation.invalidReference" });
    const strangerPhoto = await failure(
      inCounty((tx) =>
        recordChecklistItem(tx, admin(), {
          stationId: station.id,
          item: "有人员",
          met: "yes",
          photoIds: ["00000000-0000-4000-8000-000000000000"],
        }),
      ),
    );
    expect((strangerPhoto as ValidationError).fieldErrors).toEqual({ photoIds: "validation.invalidReference" });
    const fake = await failure(
      withStagedFiles(filesDir, (staged) =>
        inCounty((tx) =>
          saveUploadedImages(tx, uploader, [{ bytes: new TextEncoder().encode("<svg/>"), filename: "x.jpg" }], {
            staged,
            maxFiles: 6,
          }),
        ),
      ),
    );
    expect(fake).toMatchObject({ status: 415 });
    expect(fake).toBeInstanceOf(UploadError);

    const page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.checklist.name).toBe("十有");
    expect(page.checklist.metCount).toBe(1);
    expect(page.checklist.items.find((i) => i.item === "有场所")).toMatchObject({
      met: "yes",
      note: "活动室 60 平方米",
      photoIds,
    });
    expect(page.checklist.items.find((i) => i.item === "有人员")!.met).toBeNull();
  });
});
