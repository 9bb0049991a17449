import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { UNSAFE_decodeViaTurboStream } from "react-router";
import { meetingOf, pick, signIn, signOut } from "./support";

/**
 * Tenant A's admin asks for tenant B's pages by id, as an attacker would: every one
 * is a 404 that shows nothing of B. A meta-check makes sure every route with an id
 * in its path is covered here (or allowlisted with a reason).
 */
const ID_ROUTES_COVERED = [
  "tenants/:tenantId",
  "tenants/:tenantId/export",
  "templates/:setId",
  "templates/:setId/workflows/:workflowKey",
  "townships/:townshipId",
  "stations/:stationId",
  "stations/:stationId/edit",
  "stations/:stationId/posts/:postId",
  "stations/:stationId/qr/:format",
  "station-types/:typeId",
  "deputies/:deputyId",
  "deputies/:deputyId/edit",
  "deputies/:deputyId/record",
  "county/deputies/:deputyId/report",
  "files/:fileId",
  "handling-units/:unitId",
  "ledger/:activityId",
  "ledger/:activityId/edit",
  "workflows/:workflowId",
  "cases/:caseId",
  "cases/:caseId/print",
  "sessions/:sessionId",
  "sessions/:sessionId/import",
  "sessions/:sessionId/meetings/:meetingId",
  "units/:unitId/print",
  "sessions/:sessionId/report.xlsx",
  "county/sessions/:sessionId/report",
  "revisits/:campaignId",
  "consultations/:consultationId",
  "consultations/:consultationId/summary.xlsx",
  "consultations/:consultationId/qr.png",
  "county/consultations/:consultationId/summary",
  "townships/:townshipId/voting",
  "townships/:townshipId/voting/import",
  "voting/meetings/:meetingId",
  "county/voting/meetings/:meetingId/slips",
  "voting/projects/:candidateId",
  "station-reviews/:reviewId",
];

/** A 1×1 PNG, uploaded as evidence so that tenant A has a stored file to ask for. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const ID_ROUTES_ALLOWED = {
  "invite/:token": "public by design: the token is the credential (tested in onboarding.spec.ts)",
  "s/:code": "public by design: a station's intake page, the code printed on its poster (case-intake.spec.ts)",
  "s/:code/send":
    "public by design: where the station's intake page sends its form with upload progress (public-phone.spec.ts)",
  "t/:code?": "public by design: the tracking code is the credential; the page shows no personal data",
  "c/:code": "public by design: a draft's comment page, the code on its QR code (consultation.spec.ts)",
  "c/t/:code":
    "public by design: a comment's tracking code is the credential; the page shows no name or phone (consultation.spec.ts)",
  "v/:code?":
    "public by design: a voter representative's personal ballot code is the credential, good for one ballot (voting.spec.ts)",
  "p/:county/:townshipId":
    "public by design: a street's published voting results and project progress, no personal data (voting.spec.ts)",
  "api/v1/opinions/:trackingCode":
    "API, bearer key only: the code is looked up within the key's own county (another county's code is 404, api.spec.ts and submit-opinion-by-api.integration.test.ts)",
};

const B_PASSWORD = "邕江两岸青秀山下";

async function onboardCountyB(page: Page) {
  await signIn(page, "operator");
  await page.goto("/platform/onboard");
  await pick(page, "省份", "广西壮族自治区");
  await pick(page, "地级市", "南宁市");
  await pick(page, "区县", "青秀区");
  await page.getByLabel("首位管理员用户名").fill("qx-admin");
  await page.getByLabel("管理员姓名").fill("青秀区管理员");
  await page.getByRole("button", { name: "开通区县" }).click();
  const invitation = await page.getByTestId("invitation-url").inputValue();
  await page.getByRole("link", { name: "查看区县" }).click();
  await expect(page).toHaveURL(/\/platform\/tenants\//);
  const tenantUrl = new URL(page.url()).pathname;
  await signOut(page);

  await page.goto(invitation);
  await page.getByLabel(/^新密码/).fill(B_PASSWORD);
  await page.getByLabel("确认新密码").fill(B_PASSWORD);
  await page.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(page).toHaveURL(/\/county$/);
  await page.goto("/county/townships");
  const townshipUrls = await page
    .getByTestId("townships")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.goto("/county/workflows");
  const workflowUrls = await page
    .getByTestId("workflows")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await signOut(page);
  return { tenantUrl, townshipUrls, workflowUrls };
}

test("every route with an id in its path is covered by the isolation check", () => {
  const routes = readFileSync(new URL("../../app/routes.ts", import.meta.url), "utf8");
  const withIds = [...routes.matchAll(/route\("([^"]*:[^"]*)"/g)].map((m) => m[1]);
  expect(withIds.sort()).toEqual([...ID_ROUTES_COVERED, ...Object.keys(ID_ROUTES_ALLOWED)].sort());
});

test("tenant A's admin gets 404 for every tenant-B URL, never B's data", async ({ page }) => {
  const b = await onboardCountyB(page);
  expect(b.townshipUrls.length).toBe(11);
  expect(b.tenantUrl).toMatch(/^\/platform\/tenants\/[0-9a-f-]{36}$/);

  await signIn(page, "xxt-admin");
  for (const url of [b.tenantUrl, ...b.townshipUrls]) {
    for (const variant of [url, `${url}.data`]) {
      const response = await page.request.get(variant, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(404);
      const body = await response.text();
      expect(body, variant).not.toContain("青秀");
      expect(body, variant).not.toContain("新竹街道");
    }
  }
  // B's whole data is not a county admin's to export.
  const exported = await page.request.post(`${b.tenantUrl}/export`, {
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(exported.status()).toBe(404);
  // Nor is the platform's template library (the set it ships with, migration 0042).
  const templateSet = "/platform/templates/0a3e1f6c-3b1d-4c52-9d1e-5c2f3a000001";
  for (const variant of [templateSet, `${templateSet}.data`]) {
    const response = await page.request.get(variant, { maxRedirects: 0 });
    expect(response.status(), variant).toBe(404);
    expect(await response.text(), variant).not.toContain("创业带富岗");
  }
  // Nor its workflows in the designer, to read or to save over.
  const setWorkflow = `${templateSet}/workflows/citizenOpinion`;
  for (const variant of [setWorkflow, `${setWorkflow}.data`]) {
    const response = await page.request.get(variant, { maxRedirects: 0 });
    expect(response.status(), variant).toBe(404);
    expect(await response.text(), variant).not.toContain("联络站初审");
  }
  const savedOver = await page.request.post(setWorkflow, {
    headers: { origin: new URL(page.url()).origin },
    form: { intent: "save", baseRevision: "1", definition: "{}", layout: "{}" },
    maxRedirects: 0,
  });
  expect(savedOver.status()).toBe(404);
  const published = await page.request.post(templateSet, {
    headers: { origin: new URL(page.url()).origin },
    form: { intent: "publish", revision: "1" },
    maxRedirects: 0,
  });
  expect(published.status()).toBe(404);
  expect(exported.headers()["content-disposition"]).toBeUndefined();
  expect(await exported.text()).not.toContain("青秀");
  // B's workflows: not to be read, saved over, published or started a case on.
  expect(b.workflowUrls.length).toBe(5); // the five templates every county starts with
  for (const url of b.workflowUrls) {
    for (const variant of [url, `${url}.data`]) {
      const response = await page.request.get(variant, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(404);
      expect(await response.text(), variant).not.toContain("青秀");
    }
    const forms: Record<string, string>[] = [
      { intent: "save", baseRevision: "1", definition: "{}", layout: "{}" },
      { intent: "publish" },
      { intent: "startCase", summary: "越权登记" },
    ];
    for (const form of forms) {
      const response = await page.request.post(url, { headers: { origin: new URL(page.url()).origin }, form });
      expect(response.status(), `${form.intent} ${url}`).toBe(404);
    }
  }
  // The page itself, in the browser, is the translated 404.
  await page.goto(b.townshipUrls[0]!);
  await expect(page.getByRole("heading", { name: "找不到页面" })).toBeVisible();

  // The same id-bearing pages of A's own county answer.
  await page.goto("/county/townships");
  const own = await page.getByTestId("townships").getByRole("link").first().getAttribute("href");
  expect((await page.request.get(own!)).status()).toBe(200);

  // The other way round: B's admin asks for A's stations (their QR codes, posters, edit
  // and post pages), station types, deputies, stored photos, handling units and ledger entries.
  const linksOf = (testId: string) =>
    page
      .getByTestId(testId)
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.goto("/county/stations");
  const stationUrls = await linksOf("stations");
  expect(stationUrls.length).toBeGreaterThan(5);
  expect((await page.request.get(`${stationUrls[0]}/qr/png`)).status()).toBe(200);
  const evidence = await page.request.post(stationUrls[0]!, {
    headers: { origin: new URL(page.url()).origin },
    multipart: {
      intent: "checklist",
      item: "有场所",
      met: "yes",
      photos: { name: "场所.png", mimeType: "image/png", buffer: PNG },
    },
  });
  expect(evidence.status()).toBe(200);
  await page.goto(stationUrls[0]!);
  const fileUrl = await page.getByTestId("checklist-有场所").getByRole("img").getAttribute("src");
  expect((await page.request.get(fileUrl!)).status()).toBe(200);
  const postUrls = await linksOf("station-posts");
  await page.goto("/county/station-types");
  const typeUrls = await linksOf("station-types");
  await page.goto("/county/deputies");
  const deputyUrls = (await linksOf("deputies")).slice(0, 5);
  expect(postUrls.length * typeUrls.length * deputyUrls.length).toBeGreaterThan(0);
  for (const own of ["record", "report"])
    expect((await page.request.get(`${deputyUrls[0]}/${own}`)).status()).toBe(200);
  await page.goto("/county/handling-units");
  const unitUrls = (await linksOf("handling-units")).slice(0, 5);
  await page.goto("/county/ledger");
  const entryUrls = (await linksOf("ledger")).slice(0, 5);
  expect(unitUrls.length * entryUrls.length).toBeGreaterThan(0);
  await page.goto("/work?view=all");
  const caseUrls = (await linksOf("inbox")).filter((url) => url.startsWith("/work/cases/")).slice(0, 5);
  const caseTitle = await page.getByTestId("inbox").locator("tbody tr").first().getByRole("link").first().textContent();
  expect(caseUrls.length).toBe(5);
  await page.goto("/county/sessions");
  const sessionUrls = await linksOf("sessions");
  expect(sessionUrls.length).toBeGreaterThan(0);
  const meetingUrl = await meetingOf(page, sessionUrls[0]!);
  const unitSheetUrl = `${meetingUrl}/units/${unitUrls[0]!.split("/").pop()}/print`;
  await page.goto("/county/revisits");
  const [campaignUrl] = await linksOf("revisit-campaigns");
  expect(campaignUrl).toBeTruthy();
  // A consultation of A's, opened here (pasted text) so that this spec does not rely on another's.
  const opened = await page.request.post("/county/consultations", {
    headers: { origin: new URL(page.url()).origin },
    multipart: {
      stationId: stationUrls[0]!.split("/").pop()!,
      title: `隔离测试条例（草案）${Date.now()}`,
      issuingBody: "省人大常委会法工委",
      closesOn: "2099-12-31",
      text: "第一条 为了测试，制定本条例。",
    },
    maxRedirects: 0,
  });
  const consultationUrl = opened.headers().location!;
  expect(consultationUrl).toMatch(/^\/county\/consultations\/[0-9a-f-]{36}$/);
  // A street's voting page, its roster import, a meeting of it and the meeting's ballot slips.
  const votingUrl = `${own}/voting`;
  const votingMeeting = {
    intent: "createMeeting",
    name: `隔离检查会议${Date.now()}`,
    year: "2026",
    heldOn: "2026-03-01",
  };
  await page.request.post(votingUrl, {
    headers: { origin: new URL(page.url()).origin },
    form: { ...votingMeeting, rule: "majority" },
  });
  await page.request.post(votingUrl, {
    headers: { origin: new URL(page.url()).origin },
    form: {
      intent: "addCandidate",
      title: "隔离检查项目",
      description: "隔离检查用的候选项目",
      costWan: "1",
      year: "2026",
      proposerKind: "office",
    },
  });
  await page.goto(votingUrl);
  const [votingMeetingUrl] = await linksOf("voting-meetings");
  const [projectUrl] = await linksOf("candidates");
  expect(projectUrl).toMatch(/^\/county\/voting\/projects\/[0-9a-f-]{36}$/);
  expect((await page.request.get(projectUrl!)).status()).toBe(200);
  expect(votingMeetingUrl).toMatch(/^\/county\/voting\/meetings\/[0-9a-f-]{36}$/);
  // A station review of A's: a second admin invited (enough to be its second reviewer), then the review.
  const reviewOrigin = { origin: new URL(page.url()).origin };
  await page.request.post("/county/users", {
    headers: reviewOrigin,
    form: {
      intent: "invite",
      username: `iso-rev-${Date.now() % 1_000_000}`,
      displayName: "隔离检查评审人",
      role: "county_admin",
    },
  });
  const reviewForm = await page.request.get("/county/station-reviews.data");
  const decodedForm = await UNSAFE_decodeViaTurboStream(
    new Blob([new Uint8Array(await reviewForm.body())]).stream() as ReadableStream<Uint8Array>,
    globalThis,
  );
  await decodedForm.done;
  const { options } = (
    decodedForm.value as Record<
      string,
      { data: { options: { standards: { id: string }[]; reviewers: { id: string }[] } } }
    >
  )["routes/county/station-reviews"]!.data;
  const reviewBody = new URLSearchParams({
    year: "2026",
    title: `隔离检查评审${Date.now()}`,
    checklistId: options.standards[0]!.id,
    itemMaxScore: "10",
    functionMaxScore: "10",
  });
  for (const reviewer of options.reviewers.slice(0, 2)) reviewBody.append("reviewerIds[]", reviewer.id);
  const reviewed = await page.request.post("/county/station-reviews", {
    headers: { ...reviewOrigin, "content-type": "application/x-www-form-urlencoded" },
    data: reviewBody.toString(),
    maxRedirects: 0,
  });
  const reviewUrl = reviewed.headers().location!;
  expect(reviewUrl).toMatch(/^\/county\/station-reviews\/[0-9a-f-]{36}$/);
  expect((await page.request.get(reviewUrl)).status()).toBe(200);

  await signOut(page);
  await signIn(page, "qx-admin", B_PASSWORD);
  const forB = [
    ...stationUrls.flatMap((url) => [
      url,
      `${url}.data`,
      `${url}/edit`,
      `${url}/qr/png`,
      `${url}/qr/svg`,
      `${url}/qr/poster`,
    ]),
    ...[...postUrls, ...typeUrls, ...deputyUrls].flatMap((url) => [url, `${url}.data`]),
    ...deputyUrls.flatMap((url) =>
      ["edit", "record", "record.data", "report", "report.data"].map((page) => `${url}/${page}`),
    ),
    ...unitUrls.flatMap((url) => [url, `${url}.data`]),
    ...entryUrls.flatMap((url) => [url, `${url}.data`, `${url}/edit`, `${url}/edit.data`]),
    ...caseUrls.flatMap((url) => [url, `${url}.data`, `${url}/print`, `${url}/print.data`]),
    ...[meetingUrl, unitSheetUrl].flatMap((url) => [url, `${url}.data`]),
    ...sessionUrls.flatMap((url) => [
      url,
      `${url}.data`,
      `${url}/import`,
      `${url}/import.data`,
      `${url}/report`,
      `${url}/report.data`,
      `${url}/report.xlsx`,
    ]),
    campaignUrl!,
    `${campaignUrl}.data`,
    consultationUrl,
    `${consultationUrl}.data`,
    `${consultationUrl}/summary`,
    `${consultationUrl}/summary.data`,
    `${consultationUrl}/summary.xlsx`,
    `${consultationUrl}/qr.png`,
    ...[votingUrl, `${votingUrl}/import`, votingMeetingUrl!, `${votingMeetingUrl}/slips`, projectUrl!].flatMap(
      (url) => [url, `${url}.data`],
    ),
    reviewUrl,
    `${reviewUrl}.data`,
    fileUrl!,
  ];
  for (const url of forB) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
    const body = await response.text();
    expect(body, url).not.toContain("西乡塘");
    expect(body, url).not.toContain(caseTitle!);
  }
  // Nor can B's admin change A's handling unit or delete A's ledger entry.
  const origin = { origin: new URL(page.url()).origin };
  expect(
    (await page.request.post(unitUrls[0]!, { headers: origin, form: { intent: "edit", name: "被改名" } })).status(),
  ).toBe(404);
  expect((await page.request.post(entryUrls[0]!, { headers: origin })).status()).toBe(404);
  // Nor open A's vote, sign its representatives in, or add a candidate to A's street.
  for (const intent of ["open", "present", "close", "publish"]) {
    expect((await page.request.post(votingMeetingUrl!, { headers: origin, form: { intent } })).status(), intent).toBe(
      404,
    );
  }
  expect(
    (
      await page.request.post(votingUrl, { headers: origin, form: { ...votingMeeting, intent: "addCandidate" } })
    ).status(),
  ).toBe(404);
  // Nor enter a suggestion into A's session, rename it, or import into it.
  const sessionForms: Record<string, string>[] = [
    { intent: "enter", title: "越权录入", content: "越权录入的建议内容", leadDeputyId: "" },
    { intent: "edit", term: "17", meeting: "9", opensOn: "2027-01-01", closesOn: "2027-01-02" },
  ];
  for (const form of sessionForms) {
    expect((await page.request.post(sessionUrls[0]!, { headers: origin, form })).status(), form.intent).toBe(404);
  }
  // Nor hold a 交办会 in A's session, propose units at A's meeting or assign its suggestions.
  expect(
    (
      await page.request.post(sessionUrls[0]!, {
        headers: origin,
        form: { intent: "meeting", heldOn: "2027-01-20" },
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(404);
  const meetingForms: Record<string, string>[] = [
    { intent: "propose", leadUnitId: unitUrls[0]!.split("/").pop()!, "caseIds[]": crypto.randomUUID() },
    { intent: "assign" },
    { intent: "edit", heldOn: "2027-01-20", name: "越权改名" },
  ];
  for (const form of meetingForms) {
    expect((await page.request.post(meetingUrl, { headers: origin, form })).status(), form.intent).toBe(404);
  }
  expect(
    (
      await page.request.post(`${sessionUrls[0]}/import`, {
        headers: origin,
        multipart: { intent: "import", file: { name: "x.xlsx", mimeType: "application/octet-stream", buffer: PNG } },
      })
    ).status(),
  ).toBe(404);
  // Nor add to A's 回头看, send its teams or record its findings.
  const campaignForms: Record<string, string>[] = [
    { intent: "add", "suggestionIds[]": crypto.randomUUID() },
    { intent: "assign", "itemIds[]": crypto.randomUUID(), teamId: crypto.randomUUID() },
    { intent: "find", suggestionId: crypto.randomUUID(), finding: "kept", foundOn: "2027-06-01" },
  ];
  for (const form of campaignForms) {
    expect((await page.request.post(campaignUrl!, { headers: origin, form })).status(), form.intent).toBe(404);
  }
  // Nor close A's consultation, enter comments into it, merge or mark them.
  const consultationForms: Record<string, string>[] = [
    { intent: "close" },
    { intent: "offline", content: "越权录入", channel: "teaTalk", peopleCount: "3", articleId: "" },
    { intent: "fates", "commentIds[]": crypto.randomUUID(), fate: "adopted" },
    { intent: "opinion", articleId: crypto.randomUUID(), opinion: "越权" },
  ];
  for (const form of consultationForms) {
    expect((await page.request.post(consultationUrl, { headers: origin, form })).status(), form.intent).toBe(404);
  }
  // Nor take a step on A's case: the event is one the county admin may send (the ruling on a return).
  for (const url of caseUrls) {
    const step = await page.request.post(url, {
      headers: origin,
      form: { event: "RULE", expectedSeq: "1", ruling: "keep", comment: "越权裁定" },
    });
    expect(step.status(), url).toBe(404);
  }
});
