import { type AuditAction, type AuditGroup, auditActions, auditGroups } from "@rdlink/core/audit/audit-actions";
import { resources, type Translation } from "@rdlink/i18n";
import { describe, expect, it } from "vitest";

/** The actions without a label in the locale's type (en is typed against zh-CN). */
type Unlabelled = {
  [A in AuditAction]: A extends `${infer Group}.${infer Name}`
    ? Group extends keyof Translation["audit"]
      ? Name extends keyof Translation["audit"][Group]
        ? never
        : A
      : A
    : A;
}[AuditAction];
/** A missing label or filter fails typecheck here, naming the action or group. */
const everyActionLabelled: [Unlabelled] extends [never] ? true : Unlabelled = true;
const everyGroupFiltered: [Exclude<AuditGroup, keyof Translation["auditGroups"]>] extends [never] ? true : never = true;

describe("the audit page", () => {
  it("knows the actions the use cases record", () => {
    expect(everyActionLabelled && everyGroupFiltered).toBe(true);
    expect(auditActions.length).toBeGreaterThan(50);
    expect(new Set(auditActions).size).toBe(auditActions.length);
    for (const action of auditActions) expect(action).toMatch(/^[a-zA-Z]+\.[a-z_]+$/);
  });

  it("names every action in every language", () => {
    for (const [language, { translation }] of Object.entries(resources)) {
      const labels = translation.audit as Record<string, Record<string, string>>;
      const unnamed = auditActions.filter((action) => {
        const [group, name] = action.split(".") as [string, string];
        return typeof labels[group]?.[name] !== "string" || labels[group][name] === "";
      });
      expect(unnamed, language).toEqual([]);
    }
  });

  it("offers a filter for every group of actions, in every language", () => {
    for (const [language, { translation }] of Object.entries(resources)) {
      const filters = translation.auditGroups as Record<string, string>;
      expect(
        auditGroups.filter((group) => typeof filters[group] !== "string"),
        language,
      ).toEqual([]);
    }
  });
});
