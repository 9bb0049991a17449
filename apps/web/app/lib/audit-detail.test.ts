import { resources } from "@rdlink/i18n";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { auditDetailText } from "./audit-detail";

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ lng: "zh-CN", fallbackLng: false, resources }));

/** Details as the use cases record them (one of each shape). */
const RECORDED: [string, Record<string, unknown>][] = [
  ["township.renamed", { from: "金陵镇", to: "金陵街道" }],
  ["activity.recorded", { station: "金陵村联络站", kind: "reception", day: "2026-03-02" }],
  ["user.invited", { username: "xxt-li", role: "station_liaison", townships: 1, handlingUnitId: "0b5c…" }],
  ["deputies.updated", { name: "韦建国", phoneChanged: true }],
  ["grid.deputies_set", { grid: "一网格", deputies: ["韦建国", "黄小梅"] }],
  ["outbox.retried", { caseId: "7f6e…", attempts: 5, lastError: "timeout" }],
  ["calendar.day_set", { kind: "workday", name: "春节调休" }],
  ["post.moved", { direction: "up" }],
  ["station.checklist_recorded", { item: "有场所", met: "partly", photos: 2 }],
  ["workflow.published", { version: 2, hash: "9c1d…" }],
  ["workflow.cases_migrated", { fromVersion: 1, toVersion: 2, plan: { registered: "registered" } }],
  ["stationType.fields_set", { name: "代表之家", fields: ["openHours", "rooms"] }],
  ["auth.signed_in", { username: "xxt-admin", via: "invitation" }],
];

describe("an audit entry's detail", () => {
  it("reads as a sentence with labels, never JSON, keys or ids", () => {
    const t = i18n.t.bind(i18n) as never;
    const texts = Object.fromEntries(RECORDED.map(([action, detail]) => [action, auditDetailText(t, detail)]));
    expect(texts["township.renamed"]).toBe("由「金陵镇」改为「金陵街道」");
    expect(texts["activity.recorded"]).toBe("站点：金陵村联络站；类别：接待日；日期：2026-03-02");
    expect(texts["user.invited"]).toBe("用户名：xxt-li；角色：联络站联络员；乡镇（街道）数：1");
    expect(texts["deputies.updated"]).toBe("名称：韦建国；修改了电话：是");
    expect(texts["grid.deputies_set"]).toBe("网格：一网格；代表：韦建国、黄小梅");
    expect(texts["calendar.day_set"]).toBe("类别：调休上班；名称：春节调休");
    expect(texts["post.moved"]).toBe("移动：上移");
    expect(texts["workflow.cases_migrated"]).toBe("原版本：1；新版本：2");
    for (const [action, text] of Object.entries(texts)) {
      expect(text, action).not.toBe("");
      expect(text, action).not.toMatch(/[{}"]|…|[a-z]+[A-Z][a-z]+|_/);
    }
  });

  it("says nothing for an entry without detail", () => {
    expect(auditDetailText(i18n.t.bind(i18n) as never, null)).toBe("");
  });
});
