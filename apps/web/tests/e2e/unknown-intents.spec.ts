import { readdirSync, readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { meetingOf, signIn } from "./support";

/**
 * Every staff page that answers a POST refuses an intent it does not have: a 400 naming
 * `errors.unknownIntent`, and nothing written. A page with several forms dispatches on `intent`
 * (intentAction); a single-purpose page sends none, so one that carries an intent is refused as
 * well (countyRequest's form). A meta-check finds every route module with an action and fails
 * if one is neither posted to below nor excluded with a reason.
 */

/** What the URL of a page needs: the id of a row the demo seed has, found the way a user would. */
type Ids = Record<
  | "township"
  | "station"
  | "stationType"
  | "deputy"
  | "unit"
  | "entry"
  | "workflow"
  | "case"
  | "session"
  | "meeting"
  | "campaign"
  | "votingMeeting"
  | "votingProject"
  | "consultation",
  string
>;

/** Route modules (under app/routes) and where to post to them, as the demo county's admin. */
const COUNTY_PAGES: Record<string, (ids: Ids) => string> = {
  "account-password.tsx": () => "/account/password",
  "notifications.tsx": () => "/notifications",
  "work/inbox.tsx": () => "/work",
  "work/case-new.tsx": () => "/work/new",
  "work/case-start.tsx": () => "/work/start",
  "work/case.tsx": (ids) => ids.case,
  "county/townships.tsx": () => "/county/townships",
  "county/township.tsx": (ids) => ids.township,
  "county/users.tsx": () => "/county/users",
  "county/outbox.tsx": () => "/county/outbox",
  "county/sms.tsx": () => "/county/sms",
  "county/api-keys.tsx": () => "/county/api-keys",
  "county/calendar.tsx": () => "/county/calendar",
  "county/template-upgrade.tsx": () => "/county/template-upgrade",
  "county/teams.tsx": () => "/county/teams",
  "county/station-new.tsx": () => "/county/stations/new",
  "county/station.tsx": (ids) => ids.station,
  "county/station-edit.tsx": (ids) => `${ids.station}/edit`,
  "county/station-types.tsx": () => "/county/station-types",
  "county/station-type.tsx": (ids) => ids.stationType,
  "county/standards.tsx": () => "/county/standards",
  "county/duty-posts.tsx": () => "/county/duty-posts",
  "county/deputy-scoring.tsx": () => "/county/deputy-scoring",
  "county/deputies.tsx": () => "/county/deputies",
  "county/deputy-new.tsx": () => "/county/deputies/new",
  "county/deputies-import.tsx": () => "/county/deputies/import",
  "county/deputy-edit.tsx": (ids) => `${ids.deputy}/edit`,
  "county/handling-units.tsx": () => "/county/handling-units",
  "county/handling-unit.tsx": (ids) => ids.unit,
  "county/grids.tsx": () => "/county/grids",
  "county/ledger-new.tsx": () => "/county/ledger/new",
  "county/ledger-entry.tsx": (ids) => ids.entry,
  "county/ledger-edit.tsx": (ids) => `${ids.entry}/edit`,
  "county/workflow-new.tsx": () => "/county/workflows/new",
  "county/workflow.tsx": (ids) => ids.workflow,
  "county/sessions.tsx": () => "/county/sessions",
  "county/session.tsx": (ids) => ids.session,
  "county/session-import.tsx": (ids) => `${ids.session}/import`,
  "county/meeting.tsx": (ids) => ids.meeting,
  "county/revisits.tsx": () => "/county/revisits",
  "county/revisit.tsx": (ids) => ids.campaign,
  "county/street-voting.tsx": (ids) => `${ids.township}/voting`,
  "county/street-voting-import.tsx": (ids) => `${ids.township}/voting/import`,
  "county/voting-meeting.tsx": (ids) => ids.votingMeeting,
  "county/voting-project.tsx": (ids) => ids.votingProject,
  "county/consultations.tsx": () => "/county/consultations",
  "county/consultation.tsx": (ids) => ids.consultation,
  "county/pairs.tsx": () => "/county/pairs",
  "county/audit.tsx": () => "/county/audit",
  "county/privacy.tsx": () => "/county/privacy",
  "county/station-reviews.tsx": () => "/county/station-reviews",
};

/** A deputy's own pages, as the demo deputy. */
const DEPUTY_PAGES: Record<string, () => string> = {
  "desk-suggestions.tsx": () => "/desk/suggestions",
  "desk-pairs.tsx": () => "/desk/pairs",
};

/** The template set the platform ships with (migration 0042). */
const DEFAULT_TEMPLATE_SET = "0a3e1f6c-3b1d-4c52-9d1e-5c2f3a000001";

/** The platform's pages, as its operator. */
const PLATFORM_PAGES: Record<string, (tenant: string) => string> = {
  "platform/onboard.tsx": () => "/platform/onboard",
  "platform/audit.tsx": () => "/platform/audit",
  "platform/tenant.tsx": (tenant) => tenant,
  "platform/tenant-export.tsx": (tenant) => `${tenant}/export`,
  "platform/templates.tsx": () => "/platform/templates",
  "platform/template-set.tsx": () => `/platform/templates/${DEFAULT_TEMPLATE_SET}`,
  "platform/template-set-workflow.tsx": () => `/platform/templates/${DEFAULT_TEMPLATE_SET}/workflows/citizenOpinion`,
};

/** Route modules with an action that are not staff form pages with intents. */
const EXCLUDED: Record<string, string> = {
  "sign-in.tsx": "before any session: a username and a password, no intents (sign-in.spec.ts)",
  "sign-out.tsx": "ends the session whatever is posted; writes only the sign-out",
  "invite.tsx": "public by design: the token is the credential, one form that sets the password",
  "language.tsx": "only sets the language cookie; an unknown choice is already a 400 and writes nothing",
  "public/station-intake.tsx": "the citizens' public intake form (/s/:code), no session and no intents",
  "public/station-intake-send.ts":
    "the same public form sent by its page's script for upload progress (/s/:code/send), answered as JSON",
  "public/track.tsx": "the citizens' tracking and rating page (/t/:code), no session and no intents",
  "public/consultation.tsx":
    "a draft's public comment page (/c/:code), no session and no intents: one form, a citizen's comment",
  "public/ballot.tsx": "a representative's ballot (/v/:code), no session and no intents: the form is the ballot",
  "public/street.tsx": "a street's public page (/p/…), no session and no intents: one form, a citizen's proposal",
  "api/opinions.ts": "the JSON API for other systems, bearer keys and JSON bodies (api.spec.ts)",
  "api/opinion.ts": "the JSON API for other systems, bearer keys and JSON bodies (api.spec.ts)",
  "not-found.tsx": "no page: every POST is a 404",
  "county/station-review.tsx":
    "a review needs two reviewer accounts the demo county lacks: station-reviews.spec.ts posts it an unknown intent",
};

const ROUTES_DIR = new URL("../../app/routes/", import.meta.url);
const EXPORTS_ACTION = /export\s+(?:async\s+function\s+action\b|function\s+action\b|const\s+action\b)/;

/** Every route module under app/routes that exports an action, as a path relative to it. */
function routesWithAnAction(): string[] {
  return readdirSync(ROUTES_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => file.split("\\").join("/"))
    .filter((file) => EXPORTS_ACTION.test(readFileSync(new URL(file, ROUTES_DIR), "utf8")))
    .sort();
}

/** The first link on a list page that leads to one of its rows. */
async function firstRow(page: Page, list: string, pattern: RegExp) {
  await page.goto(list);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, list).toBeTruthy();
  return href!;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const rowOf = (path: string) => new RegExp(`^${path}/${UUID}$`);

/**
 * Posts `intent=bogus-intent` to a page as a same-origin form, urlencoded and multipart (a page
 * with file inputs reads the latter), and expects the 400 that names the unknown intent.
 */
async function postBogusIntent(page: Page, baseURL: string, path: string) {
  const url = `${path}.data`;
  const answers = [
    await page.request.post(url, {
      headers: { origin: baseURL, "content-type": "application/x-www-form-urlencoded" },
      data: "intent=bogus-intent",
      maxRedirects: 0,
    }),
    await page.request.post(url, {
      headers: { origin: baseURL },
      multipart: { intent: "bogus-intent" },
      maxRedirects: 0,
    }),
  ];
  for (const answer of answers) {
    expect(answer.status(), path).toBe(400);
    expect(await answer.text(), path).toContain("errors.unknownIntent");
  }
}

/** The newest entry of the county's audit log (its sequence number). */
async function lastAuditSeq(page: Page) {
  await page.goto("/county/audit");
  const seq = await page.getByTestId("audit-log").locator("tbody tr").first().locator("td").first().textContent();
  expect(Number(seq)).toBeGreaterThan(0);
  return Number(seq);
}

/** "共 N 条" of a list page. */
async function listTotal(page: Page, path: string) {
  await page.goto(path);
  const total = await page
    .getByText(/^共 \d+ 条$/)
    .first()
    .textContent();
  return Number(total!.match(/\d+/)![0]);
}

async function timelineLength(page: Page, casePath: string) {
  await page.goto(casePath);
  await expect(page.getByTestId("timeline")).toBeVisible();
  return page.getByTestId("timeline").locator(".mantine-Timeline-item").count();
}

test("every route with an action is posted an unknown intent below, or excluded with a reason", () => {
  const covered = [...Object.keys(COUNTY_PAGES), ...Object.keys(PLATFORM_PAGES), ...Object.keys(DEPUTY_PAGES)];
  for (const [file, reason] of Object.entries(EXCLUDED)) expect(reason, file).not.toBe("");
  expect(routesWithAnAction()).toEqual([...covered, ...Object.keys(EXCLUDED)].sort());
});

test("an unknown intent posted to any county page is a 400 and writes nothing", async ({ page, baseURL }) => {
  await signIn(page, "xxt-admin");
  const ids: Ids = {
    township: await firstRow(page, "/county/townships", rowOf("/county/townships")),
    station: await firstRow(page, "/county/stations", rowOf("/county/stations")),
    stationType: await firstRow(page, "/county/station-types", rowOf("/county/station-types")),
    deputy: await firstRow(page, "/county/deputies", rowOf("/county/deputies")),
    unit: await firstRow(page, "/county/handling-units", rowOf("/county/handling-units")),
    entry: await firstRow(page, "/county/ledger", rowOf("/county/ledger")),
    workflow: await firstRow(page, "/county/workflows", rowOf("/county/workflows")),
    case: await firstRow(page, "/work?view=all", rowOf("/work/cases")),
    session: await firstRow(page, "/county/sessions", rowOf("/county/sessions")),
    meeting: "",
    campaign: await firstRow(page, "/county/revisits", rowOf("/county/revisits")),
    votingMeeting: "",
    votingProject: "",
    consultation: "",
  };
  // A consultation opened at the first station (pasted text), before the count below starts.
  const opened = await page.request.post("/county/consultations", {
    headers: { origin: baseURL! },
    multipart: {
      stationId: ids.station.split("/").pop()!,
      title: `未知意图检查条例（草案）${Date.now()}`,
      issuingBody: "省人大常委会法工委",
      closesOn: "2099-12-31",
      text: "第一条 为了检查，制定本条例。",
    },
    maxRedirects: 0,
  });
  ids.consultation = opened.headers().location!;
  expect(ids.consultation).toMatch(/^\/county\/consultations\/[0-9a-f-]{36}$/);
  // A voting meeting of the first township, held (and audited) before the count below starts.
  const created = await page.request.post(`${ids.township}/voting`, {
    headers: { origin: baseURL! },
    form: {
      intent: "createMeeting",
      name: `未知意图检查${Date.now()}`,
      year: "2026",
      heldOn: "2026-03-01",
      rule: "majority",
    },
  });
  expect(created.status()).toBe(200);
  ids.votingMeeting = await firstRow(page, `${ids.township}/voting`, rowOf("/county/voting/meetings"));
  await page.request.post(`${ids.township}/voting`, {
    headers: { origin: baseURL! },
    form: {
      intent: "addCandidate",
      title: "未知意图检查项目",
      description: "未知意图检查用的候选项目",
      costWan: "1",
      year: "2026",
      proposerKind: "office",
    },
  });
  ids.votingProject = await firstRow(page, `${ids.township}/voting`, rowOf("/county/voting/projects"));
  // The demo has no 交办会: one is held (and audited) before the count below starts.
  ids.meeting = await meetingOf(page, ids.session);
  const before = {
    audit: await lastAuditSeq(page),
    cases: await listTotal(page, "/work?view=all"),
    timeline: await timelineLength(page, ids.case),
  };

  for (const [file, url] of Object.entries(COUNTY_PAGES)) {
    await test.step(file, () => postBogusIntent(page, baseURL!, url(ids)));
  }

  // Nothing written: no audited change (every county use case but a case's steps is audited),
  // no case registered, no step taken on the case.
  expect(await lastAuditSeq(page)).toBe(before.audit);
  expect(await listTotal(page, "/work?view=all")).toBe(before.cases);
  expect(await timelineLength(page, ids.case)).toBe(before.timeline);
});

test("an unknown intent posted to a deputy's pages is a 400 and writes nothing", async ({ page, baseURL }) => {
  await signIn(page, "xxt-deputy");
  const mine = async () => {
    await page.goto("/desk/suggestions");
    await expect(page.getByRole("heading", { name: "我的代表建议" })).toBeVisible();
    return page.getByTestId("my-suggestions").locator("tbody tr").count();
  };
  const before = await mine();
  for (const [file, url] of Object.entries(DEPUTY_PAGES)) {
    await test.step(file, () => postBogusIntent(page, baseURL!, url()));
  }
  // No suggestion handed in.
  expect(await mine()).toBe(before);
});

test("an unknown intent posted to the platform's pages is a 400 and writes nothing", async ({ page, baseURL }) => {
  await signIn(page, "operator");
  const tenant = await firstRow(page, "/platform", rowOf("/platform/tenants"));
  const tenantRows = async () => {
    await page.goto("/platform");
    return page.locator(`a[href^="/platform/tenants/"]`).count();
  };
  const status = async () => {
    await page.goto(tenant);
    return page.getByTestId("tenant-status").textContent();
  };
  const before = { tenants: await tenantRows(), status: await status() };

  for (const [file, url] of Object.entries(PLATFORM_PAGES)) {
    await test.step(file, () => postBogusIntent(page, baseURL!, url(tenant)));
  }

  // No county onboarded, none suspended or reactivated.
  expect(await tenantRows()).toBe(before.tenants);
  expect(await status()).toBe(before.status);
});
