import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, expect, test } from "@playwright/test";
import { freePort } from "@rdlink/db/testing/free-port";
import { asPgliteOwner } from "@rdlink/db/testing/pglite-owner";
import { startBuiltApp } from "../../bench/built-app";
import { signIn } from "./support";

/**
 * The audit chains can be checked: a row changed behind the app's back by the database's owner
 * (here PGlite's superuser, with the append-only trigger switched off) is named by the "verify"
 * button of the county's audit page, and one of the platform's by the platform audit page. The
 * app runs on a PGlite data directory of this test's own, stopped while the rows are changed.
 */

test.describe.configure({ timeout: 420_000 });

async function withApp<T>(dataDir: string, work: (base: string) => Promise<T>) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const app = await startBuiltApp(
    base,
    { DATA_DIR: dataDir, HOST: "localhost", PORT: String(port), SEED_DEMO: "true", WORKER_MODE: "external" },
    { portKnob: "a free port", stderr: "inherit", without: ["DATABASE_URL", "FILES_DIR"], startSeconds: 240 },
  );
  try {
    return await work(base);
  } finally {
    const exited = new Promise((resolve) => app.server.once("exit", resolve));
    app.stop();
    await exited;
  }
}

async function verifyAs(browser: Browser, base: string, username: string, auditPage: string) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await signIn(page, username);
  await page.goto(auditPage);
  await page.getByRole("button", { name: "校验审计链" }).click();
  const report = page.getByTestId("audit-chain");
  await expect(report).toBeVisible();
  const text = await report.textContent();
  await page.screenshot({ path: test.info().outputPath(`${username}-audit-chain.png`) });
  await context.close();
  return text;
}

test("the verify buttons name the audit row the database's owner changed", async ({ browser }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "rdlink-audit-chain-"));
  try {
    // First run: the demo county is seeded, its chain and the platform's are intact.
    await withApp(dataDir, async (base) => {
      expect(await verifyAs(browser, base, "xxt-admin", "/county/audit")).toMatch(
        /^审计链完整：\d+ 条记录逐条校验无误。$/,
      );
      expect(await verifyAs(browser, base, "operator", "/platform/audit")).toMatch(/^审计链完整：/);
    });

    // Stopped, the owner changes one row of each chain.
    const { countySeq, platformSeq } = await asPgliteOwner(path.join(dataDir, "pglite"), async (pg) => {
      const seqOf = async (query: string) => (await pg.query<{ seq: number }>(query)).rows[0]!.seq;
      // A row from the middle of the county's chain, and the platform's newest.
      const county = await seqOf("select (max(seq) / 2)::int as seq from audit_log");
      const platform = await seqOf("select max(seq)::int as seq from platform_audit_log");
      await pg.exec("alter table audit_log disable trigger audit_log_append_only");
      await pg.query("update audit_log set actor_user_id = null where seq = $1", [county]);
      await pg.exec("alter table audit_log enable trigger audit_log_append_only");
      await pg.exec("alter table platform_audit_log disable trigger platform_audit_log_append_only");
      await pg.query("update platform_audit_log set ip = '10.9.9.9' where seq = $1", [platform]);
      await pg.exec("alter table platform_audit_log enable trigger platform_audit_log_append_only");
      return { countySeq: county, platformSeq: platform };
    });
    expect(countySeq).toBeGreaterThan(1);

    // Started again: each button names the changed row.
    await withApp(dataDir, async (base) => {
      expect(await verifyAs(browser, base, "xxt-admin", "/county/audit")).toContain(
        `审计链在第 ${countySeq} 条记录处断裂`,
      );
      expect(await verifyAs(browser, base, "operator", "/platform/audit")).toContain(
        `审计链在第 ${platformSeq} 条记录处断裂`,
      );
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
