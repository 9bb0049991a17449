import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { resources } from "@rdlink/i18n";
import { describe, expect, it } from "vitest";

/** The use cases' sources, where every audit action is named (`action: "group.name"`). */
const CORE = path.resolve(import.meta.dirname, "../../../../packages/core/src");

function auditActionsWritten(): string[] {
  const files = readdirSync(CORE, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.includes(".test."),
  );
  const actions = new Set<string>();
  for (const file of files) {
    for (const line of readFileSync(path.join(CORE, file), "utf8").split("\n")) {
      if (!/\baction: /.test(line)) continue;
      for (const [, action] of line.matchAll(/"([a-zA-Z]+\.[a-z_]+)"/g)) actions.add(action!);
    }
  }
  return [...actions].sort();
}

describe("the audit page", () => {
  it("names every action the use cases record, in every language", () => {
    const actions = auditActionsWritten();
    expect(actions.length).toBeGreaterThan(50);
    for (const [language, { translation }] of Object.entries(resources)) {
      const labels = translation.audit as Record<string, Record<string, string>>;
      const unnamed = actions.filter((action) => {
        const [group, name] = action.split(".") as [string, string];
        return typeof labels[group]?.[name] !== "string";
      });
      expect(unnamed, language).toEqual([]);
    }
  });

  it("offers a filter for every group of actions", () => {
    const groups = new Set(auditActionsWritten().map((action) => action.split(".")[0]!));
    const filters = Object.keys(resources["zh-CN"].translation.auditGroups);
    expect([...groups].filter((group) => !filters.includes(group))).toEqual([]);
  });
});
