import { expect, test } from "@playwright/test";
import { mobileNumbersIn } from "@rdlink/core/testing/phones";
import { openMenuEntry, signIn } from "./support";

test("no list or data response carries an unmasked mobile number; a reveal is audited", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "人大代表");
  await expect(page.getByTestId("deputies")).toContainText("****");

  // Every page of the directory, as HTML and as the data the client fetches.
  const pages = Math.ceil(150 / 50);
  const urls = ["/county/stations", "/county/stations.data", "/county/users", "/county/audit"];
  for (let n = 1; n <= pages; n++) urls.push(`/county/deputies?page=${n}`, `/county/deputies.data?page=${n}`);
  await page.goto("/county/stations");
  const station = await page.getByTestId("stations").getByRole("link").first().getAttribute("href");
  urls.push(station!, `${station}.data`);
  // Handling units and their contacts, the ledger, grids, townships and the deputy picker.
  urls.push("/county/handling-units", "/county/handling-units.data", "/county/ledger", "/county/ledger.data");
  urls.push("/county/grids", "/county/grids.data", "/county/deputy-options?q=");
  for (const [list, testId] of [
    ["/county/handling-units", "handling-units"],
    ["/county/ledger", "ledger"],
    ["/county/townships", "townships"],
  ]) {
    await page.goto(list!);
    const first = await page.getByTestId(testId!).getByRole("link").first().getAttribute("href");
    urls.push(first!, `${first}.data`);
  }
  for (const url of urls) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(mobileNumbersIn(await response.text()), url).toEqual([]);
  }

  // Revealing one number shows it, and writes who looked at whose number.
  await page.goto("/county/deputies?q=韦建国");
  // The demo seed names two deputies 韦建国; either one will do.
  await page.getByTestId("deputies").getByRole("button", { name: "查看" }).first().click();
  await expect(page.getByTestId("deputies")).toContainText(/139\d{8}/);
  await openMenuEntry(page, "审计日志");
  await expect(page.getByTestId("audit-log")).toContainText("查看代表电话");
  await expect(page.getByTestId("audit-log")).toContainText("韦建国");
});

test("a township operator sees only masked numbers and no way to reveal them", async ({ page }) => {
  await signIn(page, "xxt-jinling");
  await page.goto("/county/deputies");
  await expect(page.getByTestId("deputies")).toContainText("****");
  await expect(page.getByTestId("deputies").getByRole("button", { name: "查看" })).toHaveCount(0);
  const refused = await page.request.post("/county/deputies", {
    headers: { origin: new URL(page.url()).origin },
    form: { deputyId: "00000000-0000-4000-8000-000000000000" },
  });
  expect(refused.status()).toBe(404);
});
