import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { openMenuEntry, pick, signIn } from "./support";

const PASSWORD = "长沙人大 2026 冬";
/** The template set the platform ships with (migration 0042). */
const DEFAULT_SET = "/platform/templates/0a3e1f6c-3b1d-4c52-9d1e-5c2f3a000001";

type Definition = ReturnType<typeof ZWorkflowDefinition.parse>;
const citizenOpinion = () =>
  ZWorkflowDefinition.parse(structuredClone(WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion")!));
const file = (name: string, definition: Definition) => ({
  name,
  mimeType: "application/json",
  buffer: Buffer.from(JSON.stringify(definition)),
});

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** The operator onboards a county of 长沙 on the default set; its admin sets a password and signs in. */
async function onboardAndSignIn(page: Page, browser: Browser, county: string, username: string) {
  await page.goto("/platform/onboard");
  await pick(page, "省份", "湖南省");
  await pick(page, "地级市", "长沙市");
  await pick(page, "区县", county);
  await page.getByLabel("首位管理员用户名").fill(username);
  await page.getByLabel("管理员姓名").fill(`${county}管理员`);
  await page.getByRole("button", { name: "开通区县" }).click();
  const invitationUrl = await page.getByTestId("invitation-url").inputValue();
  const context = await browser.newContext();
  contexts.push(context);
  const admin = await context.newPage();
  await admin.goto(invitationUrl);
  await admin.getByLabel(/^新密码/).fill(PASSWORD);
  await admin.getByLabel("确认新密码").fill(PASSWORD);
  await admin.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(admin).toHaveURL(/\/county$/);
  return admin;
}

test("a set's new version reaches two counties: one takes the new state, one keeps its own drawing", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signIn(page, "operator");
  const furong = await onboardAndSignIn(page, browser, "芙蓉区", "fr-admin");
  const tianxin = await onboardAndSignIn(page, browser, "天心区", "tx-admin");

  // 天心区 redraws 群众意见建议办理 itself (a file into its designer) and publishes it as its version 2.
  await tianxin.goto("/county/workflows");
  await tianxin.getByRole("link", { name: "群众意见建议办理" }).first().click();
  await expect(tianxin.getByTestId("designer")).toBeVisible();
  const local = citizenOpinion();
  local.states.registered!.label = { "zh-CN": "本县登记", en: "Registered here" };
  await tianxin.locator('input[type="file"]').setInputFiles(file("本县流程.json", local));
  await expect(tianxin.getByTestId("node-本县登记")).toBeVisible();
  await expect(tianxin.getByTestId("save-status")).toHaveText("已保存");
  await tianxin.getByRole("button", { name: "发布", exact: true }).click();
  await expect(tianxin.getByText("已发布版本 2")).toBeVisible();

  // 芙蓉区 has an opinion open on its version 1.
  await furong.goto("/county/workflows");
  await furong.getByRole("link", { name: "群众意见建议办理" }).first().click();
  await expect(furong.getByTestId("designer")).toBeVisible();
  await furong.getByRole("tab", { name: "版本" }).click();
  await furong.getByLabel("案件摘要").fill("小区路灯不亮");
  await furong.getByRole("button", { name: "登记", exact: true }).click();
  await expect(furong.getByTestId("version-1")).toContainText("在办 1");

  // Nothing to take yet.
  await openMenuEntry(furong, "模板更新");
  await expect(furong.getByText("本区县使用“通用模板”第 1 版，没有待更新的内容。")).toBeVisible();

  // The operator draws 登记复核 into the default set's 群众意见建议办理, after 登记, and publishes version 2.
  await page.goto(DEFAULT_SET);
  await page.getByRole("link", { name: "群众意见建议办理" }).click();
  await expect(page.getByTestId("designer")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await expect(page.getByText("随模板集在模板集页面发布")).toBeVisible();
  await page.getByRole("button", { name: "添加环节" }).click();
  await page.getByRole("menuitem", { name: "办理环节" }).click();
  await page.getByRole("tab", { name: "属性" }).click();
  await page.getByLabel("名称（中文）").fill("登记复核");
  for (const [from, to] of [
    ["登记", "登记复核"],
    ["登记复核", "联络站初审"],
  ] as const) {
    await page.getByTestId(`node-${from}`).getByText(from).first().click();
    await expect(page.getByTestId("state-panel")).toBeVisible();
    await pick(page, "添加流转", to);
  }
  await expect(page.getByTestId("node-登记复核")).not.toHaveAttribute("data-severity", "error");
  await page.getByRole("button", { name: "自动布局" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  // Against the set's version 1, as a county's draft against its published version.
  await page.getByRole("switch", { name: "对比已发布版本" }).check();
  await expect(page.getByTestId("node-登记复核")).toHaveAttribute("data-change", "added");
  await page.screenshot({ path: "test-results/screens/template-set-designer.png" });
  await page.getByRole("link", { name: "← 通用模板" }).click();
  await expect(page.getByText("16 个环节")).toBeVisible();
  await page.getByLabel("本版说明").fill("群众意见建议办理新增“登记复核”环节");
  await page.getByRole("button", { name: "发布新版本" }).click();
  await expect(page.getByRole("status")).toHaveText("已发布第 2 版");

  // 芙蓉区 sees the change as the designer compares versions, and takes it: its version 2.
  await furong.reload();
  await expect(furong.getByRole("heading", { name: "“通用模板”第 1 版 → 第 2 版" })).toBeVisible();
  await expect(furong.getByText("说明：群众意见建议办理新增“登记复核”环节")).toBeVisible();
  const item = furong.getByTestId("upgrade-item").filter({ hasText: "群众意见建议办理" });
  await expect(item.getByTestId("workflow-diff")).toContainText("新增环节：登记复核");
  await expect(item.getByRole("checkbox")).toBeChecked();
  await furong.screenshot({ path: "test-results/screens/template-upgrade-desktop.png", fullPage: true });
  // … and drawn, the new state marked on the designer's canvas.
  await item.getByRole("button", { name: "查看流程图对比" }).click();
  const drawing = furong.getByTestId("workflow-drawing");
  await expect(drawing.getByTestId("node-登记复核")).toHaveAttribute("data-change", "added");
  await furong.screenshot({ path: "test-results/screens/template-upgrade-drawing.png" });
  await furong.keyboard.press("Escape");
  await furong.getByRole("button", { name: "采用所选，更新到第 2 版" }).click();
  await expect(furong.getByRole("status")).toHaveText("已更新到第 2 版：采用 1 项，保留本区县内容 0 项。");
  await expect(furong.getByText("本区县使用“通用模板”第 2 版，没有待更新的内容。")).toBeVisible();
  await furong.goto("/county/workflows");
  await expect(furong.getByRole("row").filter({ hasText: "群众意见建议办理" })).toContainText("版本 2");
  // Its open opinion stays on version 1; new ones take version 2.
  await furong.getByRole("link", { name: "群众意见建议办理" }).first().click();
  await furong.getByRole("tab", { name: "版本" }).click();
  await expect(furong.getByTestId("version-2")).toContainText("在办 0");
  await expect(furong.getByTestId("version-1")).toContainText("在办 1");

  // 天心区 sees both sides, its own unticked, and keeps it.
  await tianxin.setViewportSize({ width: 390, height: 844 });
  await tianxin.goto("/county/template-upgrade");
  const own = tianxin.getByTestId("upgrade-item").filter({ hasText: "群众意见建议办理" });
  await expect(own).toContainText("本区县改过");
  await expect(own.getByTestId("workflow-diff")).toContainText("新增环节：登记复核");
  await expect(own.getByTestId("workflow-diff")).toContainText("修改环节：");
  await expect(own.getByRole("checkbox")).not.toBeChecked();
  await tianxin.screenshot({ path: "test-results/screens/template-upgrade-phone.png", fullPage: true });
  await tianxin.getByRole("button", { name: "采用所选，更新到第 2 版" }).click();
  await expect(tianxin.getByRole("status")).toHaveText("已更新到第 2 版：采用 0 项，保留本区县内容 1 项。");
  await tianxin.goto("/county/workflows");
  await expect(tianxin.getByRole("row").filter({ hasText: "群众意见建议办理" })).toContainText("版本 2");

  // 天心区 offers its drawing to the library; the operator compares it with the set's and adopts it.
  await tianxin.goto("/county/template-upgrade");
  const offer = tianxin.getByTestId("propose-to-library");
  await offer.getByLabel("推荐的流程").selectOption({ label: "群众意见建议办理 · 第 2 版" });
  await offer.getByLabel("推荐理由（选填）").fill("“本县登记”更贴近基层说法");
  await offer.getByRole("button", { name: "推荐", exact: true }).click();
  await expect(offer.getByRole("status")).toHaveText("已推荐，等待平台审核");
  await expect(offer.getByTestId("county-proposal")).toContainText("待审核");
  await page.goto("/platform/templates");
  const proposal = page.getByTestId("template-proposal").filter({ hasText: "天心区" });
  await expect(proposal).toContainText("“本县登记”更贴近基层说法");
  await proposal.getByRole("button", { name: "查看流程图对比" }).click();
  await expect(page.getByTestId("workflow-drawing").getByTestId("node-本县登记")).toHaveAttribute(
    "data-change",
    "changed",
  );
  await page.keyboard.press("Escape");
  await expect(proposal.getByLabel("采纳到模板集")).toHaveValue(DEFAULT_SET.split("/").at(-1)!);
  await proposal.getByLabel("审核意见（不采纳时必填）").fill("下一版采用");
  await proposal.getByRole("button", { name: "采纳到草稿" }).click();
  await expect(proposal).toContainText("已采纳");
  await page.screenshot({ path: "test-results/screens/template-proposals.png", fullPage: true });
  await expect(page.getByRole("row").filter({ hasText: "通用模板" })).toContainText("有未发布的修改");
  await tianxin.reload();
  await expect(tianxin.getByTestId("county-proposal")).toContainText("已采纳");
  await expect(tianxin.getByTestId("county-proposal")).toContainText("平台意见：下一版采用");
  await tianxin.screenshot({ path: "test-results/screens/template-propose-phone.png", fullPage: true });

  // The platform's list shows each county on version 2, none with an upgrade pending.
  await page.goto("/platform?q=43010");
  for (const county of ["芙蓉区", "天心区"]) {
    await expect(page.getByTestId("county-health-row").filter({ hasText: county })).toContainText("通用模板 · 第 2 版");
  }
});
