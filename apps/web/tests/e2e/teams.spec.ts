import { expect, type Page, test } from "@playwright/test";
import { choose, pick, signIn } from "./support";

const designer = (page: Page) => page.getByTestId("designer");

/**
 * A county makes its 信访办 a team, puts a step of a workflow it draws on the team's desk and
 * lets staff register its cases in the workbench; a liaison officer in the team (not a county
 * admin) finds the case on their desk and takes the step.
 */
test("a step on a team's desk is taken by a member of the team", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/teams");
  await page.getByRole("button", { name: "新建团队" }).click();
  const dialog = page.getByRole("dialog");
  // A name is required, and said so in Chinese.
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByLabel("团队名称")).toBeFocused();
  await dialog.getByLabel("团队名称").fill("信访办");
  await dialog.getByRole("combobox", { name: "成员" }).click();
  await page.getByRole("option", { name: "联络员 黄小梅" }).click();
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("teams")).toContainText("信访办");
  await expect(page.getByTestId("teams")).toContainText("联络员 黄小梅");

  // A new workflow: its first step on the team's desk, taken by the team, registered by the county.
  await page.goto("/county/workflows/new");
  await page.getByLabel("空白流程").check();
  await page.getByLabel("流程名称").fill("来信批办");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(designer(page)).toBeVisible();
  await page.getByTestId("node-开始").getByText("开始").first().click();
  await page.getByRole("combobox", { name: "环节类型", exact: true }).click();
  await page.getByRole("option", { name: "办理环节", exact: true }).click();
  await page.getByRole("combobox", { name: "办理角色", exact: true }).click();
  await page.getByRole("option", { name: "团队（如信访办）", exact: true }).click();
  // The county's first team is taken; other specs may have made more (a 回头看's 督办组).
  await page.getByRole("combobox", { name: "办理团队", exact: true }).click();
  await page.getByRole("option", { name: "信访办", exact: true }).click();
  await expect(page.getByRole("combobox", { name: "办理团队", exact: true })).toHaveValue("信访办");
  await expect(page.getByTestId("node-开始")).toContainText("信访办");
  await page.getByRole("button", { name: "办结 → 办结" }).click();
  // An empty MultiSelect's input has no width to click on: its box is clicked instead.
  await page.getByRole("combobox", { name: "可办理的团队" }).locator("xpath=ancestor::div[2]").click();
  await page.getByRole("option", { name: "信访办" }).click();
  await page.keyboard.press("Escape");
  // Nothing selected (a click on the empty canvas): the workflow's own properties, where its entry point is set.
  await page.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await page.getByRole("switch", { name: "工作人员可在「案件办理」中登记" }).check();
  const entry = page.getByTestId("entry-panel");
  await entry.getByRole("button", { name: "添加字段" }).click();
  await entry.getByLabel("字段名称").fill("来信内容");
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText("已发布版本 1")).toBeVisible();

  await page.goto("/work/start");
  await choose(page, "事项类型", "来信批办");
  await pick(page, "所属乡镇（街道）", "金陵镇");
  await page.getByLabel("来信内容").fill("来信反映金陵镇某路段噪声扰民");
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/cases\//);
  const caseUrl = page.url();

  // The liaison officer is in the team: the case is on their desk, and theirs to take.
  await page.context().clearCookies();
  await signIn(page, "xxt-liaison");
  await page.goto("/work");
  await page.getByRole("link", { name: "来信反映金陵镇某路段噪声扰民" }).click();
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByTestId("case-state")).toHaveText("开始");
  await page.getByRole("button", { name: "办结", exact: true }).click();
  // Every step is confirmed in a dialog (this one has no form). Asking whether it is visible yet
  // raced with its opening on a busy machine.
  await page.getByRole("dialog").getByRole("button", { name: "办结", exact: true }).click();
  await expect(page.getByTestId("case-state")).toHaveText("办结");
  await expect(page.getByText("（信访办）")).toBeVisible();
});
