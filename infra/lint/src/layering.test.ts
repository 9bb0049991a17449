import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const biome = path.join(root, "node_modules/.bin/biome");

/**
 * A copy of the repository's lint configuration with files written into it, linted the way
 * `pnpm lint` lints the real tree: the rules are proven to fail on what they forbid.
 */
let copy: string;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
  writeFileSync(path.join(copy, file), text);
}

function lint(file: string) {
  const result = spawnSync(biome, ["lint", "--vcs-enabled=false", "--max-diagnostics=50", file], {
    cwd: copy,
    encoding: "utf8",
  });
  return { failed: result.status !== 0, output: result.stdout + result.stderr };
}

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), "rdlink-lint-"));
  cpSync(path.join(root, "biome.json"), path.join(copy, "biome.json"));
  cpSync(path.join(root, "infra/lint"), path.join(copy, "infra/lint"), {
    recursive: true,
    filter: (source) => !source.includes("node_modules"),
  });
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("layering, checked by pnpm lint", () => {
  it("refuses a route that queries the database itself", () => {
    write(
      "apps/web/app/routes/county/leaky.tsx",
      'import { eq } from "drizzle-orm";\nimport { stations } from "@rdlink/db/schema";\nexport const where = [eq, stations];\n',
    );
    const { failed, output } = lint("apps/web/app/routes/county/leaky.tsx");
    expect(failed).toBe(true);
    expect(output).toContain("noRestrictedImports");
    expect(output).toContain('"drizzle-orm"');
    expect(output).toContain('"@rdlink/db/schema"');
  });

  it("refuses a route that opens a transaction with getDatabase", () => {
    write(
      "apps/web/app/routes/county/door.tsx",
      'import { getDatabase } from "@rdlink/db";\nexport { getDatabase };\n',
    );
    expect(lint("apps/web/app/routes/county/door.tsx").failed).toBe(true);
  });

  it("refuses a package that imports React or a UI library", () => {
    write(
      "packages/core/src/cases/with-ui.ts",
      'import { useState } from "react";\nimport { Button } from "@mantine/core";\nexport const ui = [useState, Button];\n',
    );
    const { failed, output } = lint("packages/core/src/cases/with-ui.ts");
    expect(failed).toBe(true);
    expect(output).toContain('"react"');
    expect(output).toContain('"@mantine/core"');
  });

  it("lets a route call a use case and a package use zod", () => {
    write(
      "apps/web/app/routes/county/clean.tsx",
      'import { getCase } from "@rdlink/core/cases/get-case";\nimport type { TenantTx } from "@rdlink/db";\nexport const uses: [typeof getCase, TenantTx | null] = [getCase, null];\n',
    );
    write("packages/core/src/cases/clean.ts", 'import { z } from "zod";\nexport const id = z.uuid();\n');
    expect(lint("apps/web/app/routes/county/clean.tsx")).toMatchObject({ failed: false });
    expect(lint("packages/core/src/cases/clean.ts")).toMatchObject({ failed: false });
  });
});

describe("the wall-clock plugin", () => {
  it("refuses new Date() in product code and allows it in a test", () => {
    write("packages/core/src/cases/now.ts", "export const now = () => new Date();\n");
    write("packages/core/src/cases/now.test.ts", "export const now = () => new Date();\n");
    const product = lint("packages/core/src/cases/now.ts");
    expect(product.failed).toBe(true);
    expect(product.output).toContain("Read the time from the clock");
    expect(lint("packages/core/src/cases/now.test.ts").failed).toBe(false);
  });
});
