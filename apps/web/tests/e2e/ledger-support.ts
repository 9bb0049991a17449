import type { Page } from "@playwright/test";
import { choose } from "./support";

/** A 2×2 opaque PNG, the smallest real photo a form can carry. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4oKAARAwQCgAejgQBl4tBnAAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * Fills the ledger form (at /county/ledger/new) and saves it. The station is the one the
 * page came with unless named; deputies are picked by typing their names.
 */
export async function fillLedgerEntry(
  page: Page,
  entry: {
    station?: string;
    kind?: string;
    deputies?: string[];
    peopleReceived?: number;
    summary: string;
    photos?: { name: string; mimeType: string; buffer: Buffer }[];
  },
) {
  if (entry.station) {
    await choose(page, "站点", entry.station);
  }
  if (entry.kind) {
    await choose(page, "活动类型", entry.kind);
  }
  for (const name of entry.deputies ?? []) {
    await page.getByRole("combobox", { name: "参加代表" }).fill(name);
    // An option reads "黄兰秀（县（区） · 衡阳街道）"; demo names may repeat, any of them will do.
    await page
      .getByRole("option", { name: new RegExp(`^${name}（`) })
      .first()
      .click();
    await page.keyboard.press("Escape");
  }
  if (entry.peopleReceived !== undefined) await page.getByLabel("接待群众（人次）").fill(String(entry.peopleReceived));
  await page.getByLabel("活动内容").fill(entry.summary);
  if (entry.photos) await page.getByLabel("照片").setInputFiles(entry.photos);
  await page.getByRole("button", { name: "保存" }).click();
}
