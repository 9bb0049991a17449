import { describe, expect, it } from "vitest";
import { listTownshipDivisions, listVillageDivisions } from "./divisions";

describe("villages and communities from the division list", () => {
  it("finds a county's committees by binary search and names them as people say them", async () => {
    const villages = await listVillageDivisions("450107");
    expect(villages).toHaveLength(157);
    expect(villages[0]).toEqual({ code: "450107001001", name: "中华中路社区", townshipCode: "450107001" });
    expect(villages).toContainEqual({ code: "450107100201", name: "金陵村", townshipCode: "450107100" });
    // "新村村委会" is 新村, not 新村村; placeholders ("…虚拟社区") are left out.
    expect(villages.map((v) => v.name)).toContain("新村");
    expect(villages.some((v) => v.name.includes("虚拟") || v.name.endsWith("委会"))).toBe(false);
    const townships = new Set(listTownshipDivisions("450107").map((t) => t.code));
    expect(villages.every((v) => townships.has(v.townshipCode))).toBe(true);
  });

  it("reads the first and the last county of the file, and nothing for an unknown code", async () => {
    expect((await listVillageDivisions("110101"))[0]).toMatchObject({ name: "多福巷社区" });
    expect((await listVillageDivisions("659012")).at(-1)).toMatchObject({ name: "八连生活区" });
    expect(await listVillageDivisions("999999")).toEqual([]);
    expect(await listVillageDivisions("45")).toEqual([]);
  });
});
