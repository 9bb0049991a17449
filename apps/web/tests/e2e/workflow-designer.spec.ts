import { expect, type Page, test } from "@playwright/test";
import { pick, signIn } from "./support";

const designer = (page: Page) => page.getByTestId("designer");
const saveStatus = (page: Page) => page.getByTestId("save-status");
const node = (page: Page, label: string) => page.getByTestId(`node-${label}`);
const tab = (page: Page, name: string) => page.getByRole("tab", { name });

async function openWorkflow(page: Page, name: string) {
  await page.goto("/county/workflows");
  await page.getByRole("link", { name }).click();
  await expect(designer(page)).toBeVisible();
  await expect(saveStatus(page)).toHaveText("已保存");
}

/** Selects a state by clicking its node (on its label, away from the handles). */
async function selectState(page: Page, label: string) {
  await node(page, label).getByText(label, { exact: false }).first().click();
  await expect(page.getByTestId("state-panel")).toBeVisible();
}

async function addTransition(page: Page, from: string, to: string) {
  await selectState(page, from);
  await pick(page, "添加流转", to);
}

/** Picks an option in a Mantine Select that is not searchable. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function registerCase(page: Page, summary: string) {
  await tab(page, "版本").click();
  await page.getByLabel("案件摘要").fill(summary);
  await page.getByRole("button", { name: "登记", exact: true }).click();
}

test("群众意见建议办理: add 代表接待, see and fix its errors, simulate to 办结, publish version 2; old cases stay on version 1", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await openWorkflow(page, "群众意见建议办理");
  // The demo county's seeded opinions run on version 1 as well.
  await tab(page, "版本").click();
  const seededRunning = Number((await page.getByTestId("version-1").textContent())?.match(/在办 (\d+)/)?.[1]);
  expect(seededRunning).toBeGreaterThan(0);

  // The shipped template opens without a problem; its edges carry arrowheads along their routes,
  // and the names of its states read at 11 px or more at the zoom that fits it.
  await tab(page, "问题").click();
  await expect(page.getByTestId("no-problems")).toBeVisible();
  // A bent route: a straight level one has a box of no height, which the browser calls hidden.
  await expect(page.locator(".react-flow__edge-path[marker-end^='url('][d*=' Q ']").first()).toBeVisible(); // ELK's rounded route
  const smallestName = await page.evaluate(() => {
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
    const names = [...document.querySelectorAll(".state-node-title")];
    return Math.min(...names.map((e) => Number.parseFloat(getComputedStyle(e).fontSize) * zoom));
  });
  // At the smallest fitting zoom (11/29) a 29 px name is 11 px, give or take the float's last digits.
  expect(Number(smallestName.toFixed(3))).toBeGreaterThanOrEqual(11);

  // A case registered before the change runs on version 1.
  await registerCase(page, "村道路灯不亮");
  await expect(page.getByTestId("recent-case").first()).toContainText("版本 1");

  // Add the state: it is unreachable and a dead end, on the node and in the problems list.
  await page.getByRole("button", { name: "添加环节" }).click();
  await page.getByRole("menuitem", { name: "办理环节" }).click();
  await tab(page, "属性").click();
  await page.getByLabel("名称（中文）").fill("代表接待");
  const reception = node(page, "代表接待");
  await expect(reception).toHaveAttribute("data-severity", "error");
  await expect(reception).toHaveAttribute("title", /无法到达：/);
  await expect(reception).toHaveAttribute("title", /死胡同/);
  await tab(page, "问题").click();
  // Each problem names its state by label, never by an id or a path.
  await expect(page.getByTestId("problems")).toContainText("环节「代表接待」");
  await expect(page.getByTestId("problems")).not.toContainText("states.");
  await expect(page.getByTestId("problems")).toContainText("无法到达：没有流转进入此环节");
  await expect(page.getByTestId("problems")).toContainText("死胡同：从此环节无法到达结束环节");
  await expect(page.getByRole("button", { name: "发布" })).toBeDisabled();

  // A transition into it: reachable now, still a dead end.
  await tab(page, "属性").click();
  // 联络站初审's form: its choices are a list of labels, their stored values only under 高级.
  await selectState(page, "联络站初审");
  const panel = page.getByTestId("state-panel");
  await expect(panel.getByRole("textbox", { name: "选项 1", exact: true })).toHaveValue("个性问题");
  await expect(panel.getByRole("textbox", { name: "选项值 1" })).toBeHidden();
  await page.getByRole("switch", { name: "高级" }).check();
  await expect(panel.getByRole("textbox", { name: "选项值 1" })).toHaveValue("individual");
  await page.getByRole("switch", { name: "高级" }).uncheck();
  await addTransition(page, "联络站初审", "代表接待");
  await expect(reception).not.toHaveAttribute("title", /无法到达：/);
  await expect(reception).toHaveAttribute("title", /死胡同/);
  // Clicking the problem selects the node.
  await tab(page, "问题").click();
  await page.getByTestId("problems").getByText("死胡同：从此环节无法到达结束环节").click();
  await expect(page.getByLabel("名称（中文）")).toHaveValue("代表接待");
  // Its generated id shows only under 高级.
  await expect(page.getByTestId("state-id")).toBeHidden();
  await page.getByRole("switch", { name: "高级" }).check();
  await expect(page.getByTestId("state-id")).toContainText(/内部标识: step/);
  await page.getByRole("switch", { name: "高级" }).uncheck();
  // … and one out of it: fixed (a task without a deadline is only a warning).
  await pick(page, "添加流转", "交办承办单位");
  await expect(reception).not.toHaveAttribute("data-severity", "error");
  await expect(saveStatus(page)).toHaveText("已保存");

  // The draft against version 1: the new state and transitions are highlighted.
  const compare = page.getByRole("switch", { name: "对比已发布版本" });
  await compare.check();
  await expect(reception).toHaveAttribute("data-change", "added");
  await expect(page.getByTestId("diff-count")).toHaveText("3 处改动");
  await compare.uncheck();

  // Simulate a case to 办结 as the right roles, the acceptance window fired by the clock.
  await tab(page, "模拟").click();
  await page.getByRole("button", { name: "开始模拟" }).click();
  const sim = page.getByTestId("simulation");
  const state = page.getByTestId("sim-state");
  await expect(state).toHaveText("登记");
  await choose(page, "执行角色", "人大代表");
  await expect(sim).toContainText("该角色在此环节没有可执行的操作");
  await choose(page, "执行角色", "联络站联络员");
  await sim.getByLabel("意见摘要").fill("路灯不亮");
  await sim.getByRole("button", { name: "提交初审" }).click();
  await expect(state).toHaveText("联络站初审");
  await choose(page, "问题类型", "个性问题");
  await sim.getByRole("button", { name: "现场交办" }).click();
  await expect(state).toHaveText("交办承办单位");
  await choose(page, "执行角色", "区县管理员");
  await sim.getByRole("combobox", { name: "承办单位" }).click();
  await page.getByRole("option", { name: "示例（模拟用）" }).click();
  await sim.getByRole("button", { name: "交办", exact: true }).click();
  await expect(state).toHaveText("承办单位签收");
  await sim.getByRole("button", { name: /时钟拨到下一个时限/ }).click();
  await expect(state).toHaveText("办理中");
  await expect(page.getByTestId("sim-trace")).toContainText("签收 · 时限到期");
  await choose(page, "执行角色", "承办单位答复人");
  await sim.getByLabel("答复内容").fill("已更换路灯");
  await sim.getByRole("button", { name: "答复", exact: true }).click();
  await expect(state).toHaveText("群众满意度测评");
  await choose(page, "执行角色", "群众");
  await choose(page, "满意度", "满意");
  await sim.getByRole("button", { name: "评价", exact: true }).click();
  await expect(state).toHaveText("办结");
  await sim.getByRole("button", { name: "重置" }).click();
  await expect(page.getByRole("button", { name: "开始模拟" })).toBeVisible();

  // Publish version 2; a new case runs on it, the older one stays on version 1.
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText("已发布版本 2")).toBeVisible();
  await registerCase(page, "井盖缺失");
  const cases = page.getByTestId("recent-case");
  await expect(cases.nth(0)).toContainText("版本 2");
  await expect(cases.nth(1)).toContainText("版本 1");
  await expect(page.getByTestId("version-2")).toContainText("在办 1");
  await expect(page.getByTestId("version-2")).toContainText("西乡塘区人大常委会管理员 发布于");
  await expect(page.getByTestId("version-1")).toContainText(`在办 ${seededRunning + 1}`);
});

test("undo/redo, copy/paste and autosave on a new empty workflow; a hard reload restores the draft", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/workflows/new");
  await page.getByLabel("空白流程").check();
  await page.getByLabel("流程名称").fill("来信登记（试画）");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(designer(page)).toBeVisible();
  await expect(page.locator(".react-flow__node")).toHaveCount(2); // 开始 and 办结

  await page.getByRole("button", { name: "添加环节" }).click();
  await page.getByRole("menuitem", { name: "等待环节" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await page.getByLabel("名称（中文）").fill("批办");
  await expect(node(page, "批办")).toBeVisible();

  // Typing is one step: undo removes the name, then the state.
  await page.locator(".react-flow__pane").click();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "新环节")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(node(page, "批办")).toBeVisible();
  await expect(page.getByRole("button", { name: "重做" })).toBeDisabled();

  // Copy and paste: a second 批办 with an id of its own.
  await selectState(page, "批办");
  await page.getByRole("switch", { name: "高级" }).check(); // ids show under 高级
  const originalId = await page.getByTestId("state-id").textContent();
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await selectState(page, "批办");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(node(page, "批办")).toHaveCount(2);
  const pastedId = await page.getByTestId("state-id").textContent();
  expect(pastedId).not.toBe(originalId);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "批办")).toHaveCount(1);
  await page.keyboard.press("ControlOrMeta+y");
  await expect(node(page, "批办")).toHaveCount(2);

  // Autosave, then a hard reload: the draft is back.
  await expect(saveStatus(page)).toHaveText("已保存");
  await page.reload();
  await expect(designer(page)).toBeVisible();
  await expect(node(page, "批办")).toHaveCount(2);
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
});

test("a stale save gets a conflict with a choice; a malformed import lists its errors and changes nothing", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  await openWorkflow(page, "矛盾纠纷调解");
  const workflowUrl = page.url();

  // Someone else saves the same draft in another window.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, "xxt-admin");
  await other.goto(workflowUrl);
  await expect(saveStatus(other)).toHaveText("已保存");
  await other.getByRole("button", { name: "添加环节" }).click();
  await other.getByRole("menuitem", { name: "结束环节" }).click();
  await expect(saveStatus(other)).toHaveText("已保存");
  await otherContext.close();

  // This window's edit is refused, never saved over theirs silently.
  await page.getByRole("button", { name: "添加环节" }).click();
  await page.getByRole("menuitem", { name: "等待环节" }).click();
  await expect(page.getByRole("dialog", { name: "草稿已被他人修改" })).toBeVisible();
  await expect(saveStatus(page)).toHaveText("保存冲突");
  await page.getByRole("button", { name: "载入最新草稿（放弃我的修改）" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(node(page, "新环节")).toHaveCount(1); // theirs (a final state), not mine
  await expect(node(page, "新环节")).toContainText("结束环节");
  const nodes = await page.locator(".react-flow__node").count();
  const revision = await page.getByText(/^草稿修订/).textContent();

  // Import a malformed file: its errors are listed, nothing changes.
  const broken = {
    schemaVersion: 2,
    key: "x",
    name: { "zh-CN": "坏文件" },
    initial: "a",
    states: { a: { kind: "meeting" } },
  };
  await page.locator('input[type="file"]').setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  // Named as people name them (the nameless state by the only name it has), never by a JSON path.
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("整个流程：");
  await expect(errors).toContainText("环节「a」：");
  await expect(errors).not.toContainText("states.a");
  await expect(errors).toContainText("不符合流程定义格式（JSON Schema）");
  await page.keyboard.press("Escape");
  await page.locator('input[type="file"]').setInputFiles({
    name: "not-json.json",
    mimeType: "application/json",
    buffer: Buffer.from("{ 这不是 JSON"),
  });
  await expect(page.getByTestId("import-errors")).toContainText("文件不是有效的 JSON");
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(designer(page)).toBeVisible();
  await expect(page.locator(".react-flow__node")).toHaveCount(nodes);
  await expect(page.getByText(/^草稿修订/)).toHaveText(revision!);
});
