import { expect, test } from "@playwright/test";
import { openMenuEntry, pick, signIn } from "./support";

test("the admin adds a unit and a contact (phone masked, reveal audited) and invites a responder for it", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "承办单位");
  await expect(page.getByTestId("handling-units")).toContainText("区住建局");
  await expect(page.getByTestId("handling-units")).toContainText("139****0201");

  await page.getByRole("button", { name: "新增承办单位" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("单位名称").fill("区住建局");
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(dialog.getByText("已有同名的承办单位")).toBeVisible();
  await dialog.getByLabel("单位名称").fill("区应急管理局");
  await dialog.getByLabel("主要职责").fill("安全生产、防灾减灾、应急救援");
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "区应急管理局" })).toBeVisible();

  await page.getByRole("button", { name: "添加联系人" }).click();
  const contact = page.getByRole("dialog");
  await contact.getByLabel("姓名").fill("覃志强");
  await contact.getByLabel("职务").fill("办公室主任");
  await contact.getByLabel("联系电话").fill("1397711");
  await contact.getByRole("button", { name: "保存" }).click();
  await expect(contact.getByText("请输入正确的手机号或座机号")).toBeVisible();
  await contact.getByLabel("联系电话").fill("139 7711 0399");
  await contact.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("unit-contacts")).toContainText("139****0399");
  await expect(page.getByTestId("unit-contacts")).not.toContainText("13977110399");

  await page.getByTestId("unit-contacts").getByRole("button", { name: "查看" }).click();
  await expect(page.getByTestId("unit-contacts")).toContainText("13977110399");
  await page.goto("/county/audit");
  await expect(page.getByTestId("audit-log")).toContainText("查看联系人电话");
  await expect(page.getByTestId("audit-log")).toContainText("覃志强");

  // A staff account for the unit; the users page names the unit.
  await page.goBack();
  await page.getByRole("button", { name: "邀请承办人" }).click();
  const invite = page.getByRole("dialog");
  await invite.getByLabel("用户名").fill("yjj-qin");
  await invite.getByLabel("姓名").fill("覃承办");
  await invite.getByRole("button", { name: "邀请承办人" }).click();
  await expect(invite.getByTestId("invitation-url")).toHaveValue(/\/invite\//);
  await invite.getByRole("button", { name: "返回" }).click();
  await expect(page.getByTestId("unit-staff")).toContainText("yjj-qin");
  await page.goto("/county/users");
  await expect(page.getByTestId("users").getByRole("row", { name: /yjj-qin/ })).toContainText(
    "承办单位答复人 · 区应急管理局",
  );
  await expect(page.getByTestId("users").getByRole("row", { name: /xxt-responder/ })).toContainText("区住建局");
});

test("inviting a responder from the users page asks for the unit", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/users");
  await page.getByRole("button", { name: "邀请用户" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("用户名").fill("jyj-wei");
  await dialog.getByLabel("姓名").fill("韦承办");
  await dialog.getByRole("combobox", { name: "角色" }).click();
  await page.getByRole("option", { name: "承办单位答复人" }).click();
  await pick(page, "所属承办单位", "区教育局");
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  await expect(dialog.getByTestId("invitation-url")).toHaveValue(/\/invite\//);
});

test("a township operator reads the units but cannot change them or reveal a number", async ({ page }) => {
  await signIn(page, "xxt-jinling");
  await page.goto("/county/handling-units");
  await expect(page.getByRole("button", { name: "新增承办单位" })).toHaveCount(0);
  await page.getByRole("link", { name: "区住建局" }).click();
  await expect(page.getByTestId("unit-contacts")).toContainText("139****0201");
  await expect(page.getByRole("button", { name: "查看" })).toHaveCount(0);
  await expect(page.getByTestId("unit-staff")).toHaveCount(0);
  const refused = await page.request.post(page.url(), {
    headers: { origin: new URL(page.url()).origin },
    form: { intent: "edit", name: "改名局" },
  });
  expect(refused.status()).toBe(404);
});
