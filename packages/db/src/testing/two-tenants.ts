import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { selectRows } from "../database";
import { GLOBAL_TABLES } from "../global-tables";
import * as s from "../schema";
import type { DriverName, TenantTx } from "../types";
import { createTestDatabase } from "./index";

/**
 * What the tenant isolation tests share: two counties, A and B, with one row in every tenant
 * table each, and a row of each table that A tries to write with B's tenant_id.
 */

/** The PostgreSQL error under drizzle's "Failed query" wrapper. */
export function databaseError(error: unknown): { code?: string; message?: string } | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause ?? (error as { code?: string; message?: string } | undefined);
}

export type Seeded = { tenantId: string; userId: string; ids: Record<string, string[]> };

/** One row in every tenant table, for the tenant of `tx`. */
async function seedTenant(tx: TenantTx, divisionCode: string): Promise<Seeded> {
  const tenantId = tx.tenantId;
  await tx
    .insert(s.tenants)
    .values({ id: tenantId, divisionCode, name: `县${divisionCode}`, provinceName: "省", cityName: "市" });
  const [user] = await tx
    .insert(s.users)
    .values({ username: `admin-${divisionCode}`, displayName: "管理员", homeTenantId: tenantId })
    .returning();
  const [township] = await tx.insert(s.townships).values({ name: "金陵镇", kind: "town" }).returning();
  const [community] = await tx.insert(s.communities).values({ townshipId: township!.id, name: "金陵社区" }).returning();
  const [membership] = await tx
    .insert(s.memberships)
    .values({ userId: user!.id, role: "township_operator" })
    .returning();
  await tx.insert(s.membershipTownships).values({ membershipId: membership!.id, townshipId: township!.id });
  const [invitation] = await tx
    .insert(s.invitations)
    .values({ userId: user!.id, secretHash: "x", expiresAt: new Date(Date.now() + 60_000) })
    .returning();
  const [checklist] = await tx
    .insert(s.checklists)
    .values({ name: "十有", items: ["有场所"] })
    .returning();
  const [stationType] = await tx
    .insert(s.stationTypes)
    .values({ name: "人大代表联络站", checklistId: checklist!.id })
    .returning();
  const [post] = await tx.insert(s.dutyPosts).values({ name: "法律服务岗" }).returning();
  const [audit] = await tx.insert(s.auditLog).values({ action: "test.seed", actorUserId: user!.id }).returning();
  const [workflow] = await tx
    .insert(s.workflows)
    .values({ key: "opinion", name: { "zh-CN": "意见" }, draft: {} })
    .returning();
  const [version] = await tx
    .insert(s.workflowVersions)
    .values({ workflowId: workflow!.id, version: 1, definition: {}, contentHash: "h" })
    .returning();
  const snapshot = { value: "registered", context: {}, status: "active" };
  const [kase] = await tx
    .insert(s.cases)
    .values({
      workflowId: workflow!.id,
      versionId: version!.id,
      seq: 1,
      state: "registered",
      stateEnteredSeq: 1,
      snapshot,
      status: "active",
    })
    .returning();
  await tx.insert(s.caseEvents).values({
    caseId: kase!.id,
    seq: 1,
    type: "CASE_STARTED",
    toState: "registered",
    actorRole: "citizen",
    data: {},
    at: new Date(),
  });
  await tx.insert(s.caseTimers).values({
    id: `${kase!.id}:registered@1:d:r`,
    caseId: kase!.id,
    stateId: "registered",
    entrySeq: 1,
    deadlineId: "d",
    rungId: "r",
    dueAt: new Date(Date.now() - 1000),
  });
  const [message] = await tx
    .insert(s.outbox)
    .values({ caseId: kase!.id, seq: 1, actionIndex: 0, kind: "notify", payload: {} })
    .returning();
  await tx.insert(s.calendarDays).values({ day: "2026-10-01", kind: "holiday", name: "国庆节" });
  await tx.insert(s.calendarYears).values({ year: 2026, status: "official", createdAt: new Date() });
  const [file] = await tx.insert(s.files).values({ storedName: "f.jpg", mimeType: "image/jpeg", bytes: 1 }).returning();
  const [deputy] = await tx
    .insert(s.deputies)
    .values({ name: "韦建国", level: "county", townshipId: township!.id })
    .returning();
  const [station] = await tx
    .insert(s.stations)
    .values({
      stationTypeId: stationType!.id,
      townshipId: township!.id,
      name: "金陵镇代表联络站",
      code: "JL0001",
      headDeputyId: deputy!.id,
    })
    .returning();
  await tx.insert(s.stationLiaisons).values({ stationId: station!.id, userId: user!.id });
  await tx.insert(s.deputyStations).values({ deputyId: deputy!.id, stationId: station!.id });
  await tx.insert(s.stationChecklistItems).values({ stationId: station!.id, item: "有场所", met: "yes" });
  await tx.insert(s.stationPosts).values({ stationId: station!.id, postId: post!.id });
  const [claim] = await tx
    .insert(s.postClaims)
    .values({ stationId: station!.id, postId: post!.id, deputyId: deputy!.id, statement: "提供法律咨询" })
    .returning();
  const [grid] = await tx.insert(s.grids).values({ communityId: community!.id, name: "第一网格" }).returning();
  await tx.insert(s.gridDeputies).values({ gridId: grid!.id, deputyId: deputy!.id });
  const [unit] = await tx.insert(s.handlingUnits).values({ name: "区住建局" }).returning();
  const [contact] = await tx
    .insert(s.handlingUnitContacts)
    .values({ handlingUnitId: unit!.id, name: "李科长", phone: "13800000000" })
    .returning();
  const [activity] = await tx
    .insert(s.activities)
    .values({
      stationId: station!.id,
      townshipId: township!.id,
      kind: "reception",
      day: "2026-11-15",
      peopleReceived: 12,
      summary: "接待日",
    })
    .returning();
  await tx.insert(s.activityDeputies).values({
    activityId: activity!.id,
    deputyId: deputy!.id,
    day: activity!.day,
    kind: "reception",
    peopleReceived: 12,
  });
  const [notification] = await tx
    .insert(s.notifications)
    .values({ userId: user!.id, caseId: kase!.id, template: "case.assigned" })
    .returning();
  const [apiKey] = await tx.insert(s.apiKeys).values({ name: "12345热线", secretHash: "x" }).returning();
  const [webhook] = await tx
    .insert(s.webhooks)
    .values({ name: "12345热线", url: "https://hotline.example/hook", secretSealed: "x" })
    .returning();
  const [delivery] = await tx
    .insert(s.webhookDeliveries)
    .values({ webhookId: webhook!.id, caseId: kase!.id, seq: 1, nextAttemptAt: new Date() })
    .returning();
  const [sms] = await tx
    .insert(s.smsSettings)
    .values({
      secretIdCiphertext: "x",
      secretIdHint: "AKID…",
      secretKeyCiphertext: "x",
      sdkAppId: "1400000000",
      signName: "某区人大",
      region: "ap-guangzhou",
      templateSubmitted: "1",
      templateAssigned: "2",
      templateAnswered: "3",
      templateClosed: "4",
      updatedAt: new Date("2026-11-02T00:00:00Z"),
    })
    .returning();
  const [privacy] = await tx
    .insert(s.privacySettings)
    .values({ retentionMonths: 24, updatedAt: new Date("2026-11-02T00:00:00Z") })
    .returning();
  const [team] = await tx.insert(s.teams).values({ key: "petitionOffice", name: "信访办" }).returning();
  await tx.insert(s.teamMembers).values({ teamId: team!.id, userId: user!.id });
  const [session] = await tx
    .insert(s.congressSessions)
    .values({
      name: "第十七届人民代表大会第三次会议",
      term: 17,
      meeting: 3,
      opensOn: "2027-01-10",
      closesOn: "2027-01-13",
    })
    .returning();
  const [suggestion] = await tx
    .insert(s.suggestions)
    .values({
      caseId: kase!.id,
      sessionId: session!.id,
      number: "001",
      receivedOn: "2027-01-11",
      leadDeputyId: deputy!.id,
      source: "staff",
    })
    .returning();
  const [meeting] = await tx
    .insert(s.assignmentMeetings)
    .values({ sessionId: session!.id, name: "第十七届人民代表大会第三次会议建议交办会", heldOn: "2027-01-20" })
    .returning();
  const [proposal] = await tx
    .insert(s.assignmentProposals)
    .values({ meetingId: meeting!.id, caseId: kase!.id, leadUnitId: unit!.id })
    .returning();
  const [campaign] = await tx.insert(s.revisitCampaigns).values({ name: "2027年回头看", year: 2027 }).returning();
  const [revisit] = await tx
    .insert(s.revisitItems)
    .values({ campaignId: campaign!.id, suggestionId: suggestion!.id, teamId: team!.id })
    .returning();
  const [consultation] = await tx
    .insert(s.consultations)
    .values({
      caseId: kase!.id,
      stationId: station!.id,
      publicCode: `${divisionCode}-CQ2M7K9P`,
      title: "某某条例（草案）",
      issuingBody: "省人大常委会法工委",
      closesOn: "2027-03-01",
    })
    .returning();
  const [article] = await tx
    .insert(s.consultationArticles)
    .values({ consultationId: consultation!.id, position: 1, heading: "第一条", body: "为了……，制定本条例。" })
    .returning();
  const [comment] = await tx
    .insert(s.consultationComments)
    .values({
      consultationId: consultation!.id,
      articleId: article!.id,
      content: "建议写明适用范围",
      channel: "online",
    })
    .returning();
  const [representative] = await tx
    .insert(s.voterRepresentatives)
    .values({
      townshipId: township!.id,
      name: "选民代表",
      term: "第二届",
      termStartsOn: "2021-12-01",
      termEndsOn: "2026-11-30",
    })
    .returning();
  const [voteMeeting] = await tx
    .insert(s.votingMeetings)
    .values({
      townshipId: township!.id,
      name: "2026年选民代表会议",
      year: 2026,
      heldOn: "2026-03-01",
      rule: "majority",
      codeSecret: "x",
    })
    .returning();
  const [candidate] = await tx
    .insert(s.votingCandidates)
    .values({
      townshipId: township!.id,
      year: 2026,
      title: "小区路灯",
      description: "x",
      costYuan: 1,
      proposerKind: "office",
      meetingId: voteMeeting!.id,
    })
    .returning();
  const [presence] = await tx
    .insert(s.votingPresence)
    .values({ meetingId: voteMeeting!.id, representativeId: representative!.id, codeHash: "h" })
    .returning();
  const [participation] = await tx
    .insert(s.votingParticipations)
    .values({ meetingId: voteMeeting!.id, representativeId: representative!.id, channel: "online" })
    .returning();
  const [ballot] = await tx
    .insert(s.votingBallots)
    .values({ meetingId: voteMeeting!.id, receipt: `r-${divisionCode}`, approved: [candidate!.id] })
    .returning();
  const [tally] = await tx
    .insert(s.votingTallyEntries)
    .values({ meetingId: voteMeeting!.id, entry: 1, ballots: 0, counts: {} })
    .returning();
  const [progress] = await tx
    .insert(s.votingProgressReports)
    .values({ candidateId: candidate!.id, milestone: "开工", percent: 10, reportedOn: "2026-05-01" })
    .returning();
  // 双联 (0028): a household paired with the deputy, and a visit to it.
  const [pair] = await tx
    .insert(s.deputyPairs)
    .values({
      deputyId: deputy!.id,
      townshipId: township!.id,
      kind: "child",
      householdName: "留守儿童小明",
      address: "金陵村",
    })
    .returning();
  const [pairVisit] = await tx
    .insert(s.pairVisits)
    .values({ pairId: pair!.id, deputyId: deputy!.id, visitedOn: "2026-05-01", form: "home", learned: "学习用品短缺" })
    .returning();
  // 考核 (0027): a scoring rule and a published year's table.
  const [scoringRule] = await tx.insert(s.deputyScoringRules).values({ figure: "receptions", points: 2 }).returning();
  const [scoreTable] = await tx
    .insert(s.deputyScoreTables)
    .values({ year: 2026, rules: [], rows: [], publishedAt: new Date() })
    .returning();
  // 示范站评审 (0029): a review, a station in it and one of its items.
  const [stationReview] = await tx
    .insert(s.stationReviews)
    .values({
      year: 2026,
      title: "示范建设评审",
      checklistId: checklist!.id,
      standardName: "十有",
      items: [{ name: "有场所", kind: "standard", maxScore: 10 }],
      reviewerAId: user!.id,
      reviewerBId: user!.id,
    })
    .returning();
  const [reviewStation] = await tx
    .insert(s.stationReviewStations)
    .values({ reviewId: stationReview!.id, stationId: station!.id, townshipId: township!.id })
    .returning();
  const [reviewItem] = await tx
    .insert(s.stationReviewItems)
    .values({ reviewId: stationReview!.id, stationId: station!.id, item: "有场所" })
    .returning();
  return {
    tenantId,
    userId: user!.id,
    ids: {
      townships: [township!.id],
      communities: [community!.id],
      memberships: [membership!.id],
      invitations: [invitation!.id],
      checklists: [checklist!.id],
      station_types: [stationType!.id],
      duty_posts: [post!.id],
      audit_log: [audit!.id],
      workflows: [workflow!.id],
      workflow_versions: [version!.id],
      cases: [kase!.id],
      outbox: [message!.id],
      files: [file!.id],
      deputies: [deputy!.id],
      stations: [station!.id],
      post_claims: [claim!.id],
      grids: [grid!.id],
      handling_units: [unit!.id],
      handling_unit_contacts: [contact!.id],
      activities: [activity!.id],
      notifications: [notification!.id],
      api_keys: [apiKey!.id],
      webhooks: [webhook!.id],
      webhook_deliveries: [delivery!.id],
      sms_settings: [sms!.id],
      privacy_settings: [privacy!.id],
      teams: [team!.id],
      congress_sessions: [session!.id],
      suggestions: [suggestion!.id],
      assignment_meetings: [meeting!.id],
      assignment_proposals: [proposal!.id],
      revisit_campaigns: [campaign!.id],
      revisit_items: [revisit!.id],
      consultations: [consultation!.id],
      consultation_articles: [article!.id],
      consultation_comments: [comment!.id],
      voter_representatives: [representative!.id],
      voting_meetings: [voteMeeting!.id],
      voting_candidates: [candidate!.id],
      voting_presence: [presence!.id],
      voting_participations: [participation!.id],
      voting_ballots: [ballot!.id],
      voting_tally_entries: [tally!.id],
      voting_progress_reports: [progress!.id],
      deputy_pairs: [pair!.id],
      pair_visits: [pairVisit!.id],
      deputy_scoring_rules: [scoringRule!.id],
      deputy_score_tables: [scoreTable!.id],
      station_reviews: [stationReview!.id],
      station_review_stations: [reviewStation!.id],
      station_review_items: [reviewItem!.id],
    },
  };
}

/** A row of each tenant table that tenant A tries to write with B's tenant_id. */
export const foreignInserts: Record<string, (b: Seeded) => ReturnType<typeof sql>> = {
  townships: (b) => sql`insert into townships (tenant_id, name, kind) values (${b.tenantId}, '入侵镇', 'town')`,
  communities: (b) =>
    sql`insert into communities (tenant_id, township_id, name) values (${b.tenantId}, ${b.ids.townships![0]}, '入侵社区')`,
  memberships: (b) =>
    sql`insert into memberships (tenant_id, user_id, role) values (${b.tenantId}, ${b.userId}, 'county_admin')`,
  membership_townships: (b) =>
    sql`insert into membership_townships (tenant_id, membership_id, township_id) values (${b.tenantId}, ${b.ids.memberships![0]}, ${b.ids.townships![0]})`,
  invitations: (b) =>
    sql`insert into invitations (tenant_id, user_id, secret_hash, expires_at) values (${b.tenantId}, ${b.userId}, 'x', now())`,
  checklists: (b) => sql`insert into checklists (tenant_id, name, items) values (${b.tenantId}, '入侵', '[]')`,
  station_types: (b) => sql`insert into station_types (tenant_id, name) values (${b.tenantId}, '入侵')`,
  duty_posts: (b) => sql`insert into duty_posts (tenant_id, name) values (${b.tenantId}, '入侵')`,
  audit_log: (b) => sql`insert into audit_log (tenant_id, action) values (${b.tenantId}, 'forged')`,
  workflows: (b) =>
    sql`insert into workflows (tenant_id, key, name, draft) values (${b.tenantId}, 'forged', '{}', '{}')`,
  workflow_versions: (b) =>
    sql`insert into workflow_versions (tenant_id, workflow_id, version, definition, content_hash) values (${b.tenantId}, ${b.ids.workflows![0]}, 2, '{}', 'x')`,
  cases: (b) =>
    sql`insert into cases (tenant_id, workflow_id, version_id, seq, state, state_entered_seq, snapshot, status) values (${b.tenantId}, ${b.ids.workflows![0]}, ${b.ids.workflow_versions![0]}, 1, 's', 1, '{}', 'active')`,
  case_events: (b) =>
    sql`insert into case_events (tenant_id, case_id, seq, type, to_state, actor_role, data, at) values (${b.tenantId}, ${b.ids.cases![0]}, 2, 'X', 's', 'system', '{}', now())`,
  case_timers: (b) =>
    sql`insert into case_timers (tenant_id, id, case_id, state_id, entry_seq, deadline_id, rung_id, due_at) values (${b.tenantId}, 'forged', ${b.ids.cases![0]}, 's', 1, 'd', 'r', now())`,
  outbox: (b) =>
    sql`insert into outbox (tenant_id, case_id, seq, action_index, kind, payload) values (${b.tenantId}, ${b.ids.cases![0]}, 9, 0, 'notify', '{}')`,
  calendar_years: (b) =>
    sql`insert into calendar_years (tenant_id, year, status, created_at) values (${b.tenantId}, 2031, 'provisional', now())`,
  calendar_days: (b) =>
    sql`insert into calendar_days (tenant_id, day, kind, name) values (${b.tenantId}, '2026-10-02', 'holiday', 'x')`,
  files: (b) =>
    sql`insert into files (tenant_id, stored_name, mime_type, bytes) values (${b.tenantId}, 'x', 'image/png', 1)`,
  deputies: (b) =>
    sql`insert into deputies (tenant_id, name, level, township_id) values (${b.tenantId}, '入侵', 'county', ${b.ids.townships![0]})`,
  stations: (b) =>
    sql`insert into stations (tenant_id, station_type_id, township_id, name, code) values (${b.tenantId}, ${b.ids.station_types![0]}, ${b.ids.townships![0]}, '入侵站', 'XXXXXX')`,
  station_liaisons: (b) =>
    sql`insert into station_liaisons (tenant_id, station_id, user_id) values (${b.tenantId}, ${b.ids.stations![0]}, ${b.userId})`,
  deputy_stations: (b) =>
    sql`insert into deputy_stations (tenant_id, deputy_id, station_id) values (${b.tenantId}, ${b.ids.deputies![0]}, ${b.ids.stations![0]})`,
  station_checklist_items: (b) =>
    sql`insert into station_checklist_items (tenant_id, station_id, item, met) values (${b.tenantId}, ${b.ids.stations![0]}, '入侵', 'yes')`,
  station_posts: (b) =>
    sql`insert into station_posts (tenant_id, station_id, post_id) values (${b.tenantId}, ${b.ids.stations![0]}, ${b.ids.duty_posts![0]})`,
  post_claims: (b) =>
    sql`insert into post_claims (tenant_id, station_id, post_id, deputy_id, statement) values (${b.tenantId}, ${b.ids.stations![0]}, ${b.ids.duty_posts![0]}, ${b.ids.deputies![0]}, 'x')`,
  grids: (b) =>
    sql`insert into grids (tenant_id, community_id, name) values (${b.tenantId}, ${b.ids.communities![0]}, '入侵')`,
  grid_deputies: (b) =>
    sql`insert into grid_deputies (tenant_id, grid_id, deputy_id) values (${b.tenantId}, ${b.ids.grids![0]}, ${b.ids.deputies![0]})`,
  handling_units: (b) => sql`insert into handling_units (tenant_id, name) values (${b.tenantId}, '入侵局')`,
  handling_unit_contacts: (b) =>
    sql`insert into handling_unit_contacts (tenant_id, handling_unit_id, name) values (${b.tenantId}, ${b.ids.handling_units![0]}, '入侵')`,
  activities: (b) =>
    sql`insert into activities (tenant_id, station_id, township_id, kind, day, summary) values (${b.tenantId}, ${b.ids.stations![0]}, ${b.ids.townships![0]}, 'visit', '2026-11-01', 'x')`,
  activity_deputies: (b) =>
    sql`insert into activity_deputies (tenant_id, activity_id, deputy_id, day, kind, people_received) values (${b.tenantId}, ${b.ids.activities![0]}, ${b.ids.deputies![0]}, '2026-11-15', 'reception', 12)`,
  notifications: (b) =>
    sql`insert into notifications (tenant_id, user_id, template) values (${b.tenantId}, ${b.userId}, 'forged')`,
  api_keys: (b) => sql`insert into api_keys (tenant_id, name, secret_hash) values (${b.tenantId}, '入侵', 'x')`,
  webhooks: (b) =>
    sql`insert into webhooks (tenant_id, name, url, secret_sealed) values (${b.tenantId}, '入侵', 'https://x.example', 'x')`,
  webhook_deliveries: (b) =>
    sql`insert into webhook_deliveries (tenant_id, webhook_id, case_id, seq, next_attempt_at) values (${b.tenantId}, ${b.ids.webhooks![0]}, ${b.ids.cases![0]}, 9, now())`,
  sms_settings: (b) =>
    sql`insert into sms_settings (tenant_id, secret_id_ciphertext, secret_id_hint, secret_key_ciphertext, sdk_app_id, sign_name, region, template_submitted, template_assigned, template_answered, template_closed, updated_at) values (${b.tenantId}, 'x', 'x', 'x', '1', 'x', 'x', '1', '2', '3', '4', now())`,
  privacy_settings: (b) =>
    sql`insert into privacy_settings (tenant_id, retention_months, updated_at) values (${b.tenantId}, 1, now())`,
  teams: (b) => sql`insert into teams (tenant_id, key, name) values (${b.tenantId}, 'forged', '入侵组')`,
  team_members: (b) =>
    sql`insert into team_members (tenant_id, team_id, user_id) values (${b.tenantId}, ${b.ids.teams![0]}, ${b.userId})`,
  congress_sessions: (b) =>
    sql`insert into congress_sessions (tenant_id, name, term, meeting, opens_on, closes_on) values (${b.tenantId}, '入侵会议', 1, 1, '2027-01-01', '2027-01-02')`,
  suggestions: (b) =>
    sql`insert into suggestions (tenant_id, case_id, session_id, number, received_on, lead_deputy_id, source) values (${b.tenantId}, ${b.ids.cases![0]}, ${b.ids.congress_sessions![0]}, '999', '2027-01-01', ${b.ids.deputies![0]}, 'staff')`,
  assignment_meetings: (b) =>
    sql`insert into assignment_meetings (tenant_id, session_id, name, held_on) values (${b.tenantId}, ${b.ids.congress_sessions![0]}, '入侵交办会', '2027-01-20')`,
  assignment_proposals: (b) =>
    sql`insert into assignment_proposals (tenant_id, meeting_id, case_id, lead_unit_id) values (${b.tenantId}, ${b.ids.assignment_meetings![0]}, ${b.ids.cases![0]}, ${b.ids.handling_units![0]})`,
  revisit_campaigns: (b) =>
    sql`insert into revisit_campaigns (tenant_id, name, year) values (${b.tenantId}, '入侵回头看', 2027)`,
  revisit_items: (b) =>
    sql`insert into revisit_items (tenant_id, campaign_id, suggestion_id) values (${b.tenantId}, ${b.ids.revisit_campaigns![0]}, ${b.ids.suggestions![0]})`,
  consultations: (b) =>
    sql`insert into consultations (tenant_id, case_id, station_id, public_code, title, issuing_body, closes_on) values (${b.tenantId}, ${b.ids.cases![0]}, ${b.ids.stations![0]}, '000000-FORGED22', '入侵草案', 'x', '2027-03-01')`,
  consultation_articles: (b) =>
    sql`insert into consultation_articles (tenant_id, consultation_id, position, heading, body) values (${b.tenantId}, ${b.ids.consultations![0]}, 99, '第九十九条', 'x')`,
  consultation_comments: (b) =>
    sql`insert into consultation_comments (tenant_id, consultation_id, content, channel) values (${b.tenantId}, ${b.ids.consultations![0]}, '入侵', 'online')`,
  voter_representatives: (b) =>
    sql`insert into voter_representatives (tenant_id, township_id, name, term, term_starts_on, term_ends_on) values (${b.tenantId}, ${b.ids.townships![0]}, '入侵', '第二届', '2021-12-01', '2026-11-30')`,
  voting_meetings: (b) =>
    sql`insert into voting_meetings (tenant_id, township_id, name, year, held_on, rule, code_secret) values (${b.tenantId}, ${b.ids.townships![0]}, '入侵会议', 2026, '2026-03-01', 'majority', 'x')`,
  voting_candidates: (b) =>
    sql`insert into voting_candidates (tenant_id, township_id, year, title, description, cost_yuan, proposer_kind) values (${b.tenantId}, ${b.ids.townships![0]}, 2026, '入侵', 'x', 1, 'office')`,
  voting_presence: (b) =>
    sql`insert into voting_presence (tenant_id, meeting_id, representative_id, code_hash) values (${b.tenantId}, ${b.ids.voting_meetings![0]}, ${b.ids.voter_representatives![0]}, 'forged')`,
  voting_participations: (b) =>
    sql`insert into voting_participations (tenant_id, meeting_id, representative_id, channel) values (${b.tenantId}, ${b.ids.voting_meetings![0]}, ${b.ids.voter_representatives![0]}, 'paper')`,
  voting_ballots: (b) =>
    sql`insert into voting_ballots (tenant_id, meeting_id, receipt) values (${b.tenantId}, ${b.ids.voting_meetings![0]}, 'forged')`,
  voting_tally_entries: (b) =>
    sql`insert into voting_tally_entries (tenant_id, meeting_id, entry, ballots, counts) values (${b.tenantId}, ${b.ids.voting_meetings![0]}, 2, 0, '{}')`,
  voting_progress_reports: (b) =>
    sql`insert into voting_progress_reports (tenant_id, candidate_id, milestone, percent, reported_on) values (${b.tenantId}, ${b.ids.voting_candidates![0]}, '入侵', 1, '2026-05-01')`,
  deputy_pairs: (b) =>
    sql`insert into deputy_pairs (tenant_id, deputy_id, township_id, kind, household_name, address) values (${b.tenantId}, ${b.ids.deputies![0]}, ${b.ids.townships![0]}, 'child', '入侵', 'x')`,
  pair_visits: (b) =>
    sql`insert into pair_visits (tenant_id, pair_id, deputy_id, visited_on, form, learned) values (${b.tenantId}, ${b.ids.deputy_pairs![0]}, ${b.ids.deputies![0]}, '2026-05-01', 'home', '入侵')`,
  deputy_scoring_rules: (b) =>
    sql`insert into deputy_scoring_rules (tenant_id, figure, points) values (${b.tenantId}, 'visits', 5)`,
  deputy_score_tables: (b) =>
    sql`insert into deputy_score_tables (tenant_id, year, rules, rows, published_at) values (${b.tenantId}, 2027, '[]', '[]', now())`,
  station_reviews: (b) =>
    sql`insert into station_reviews (tenant_id, year, title, checklist_id, standard_name, items, reviewer_a_id, reviewer_b_id) values (${b.tenantId}, 2026, '入侵', ${b.ids.checklists![0]}, '入侵', '[]', ${b.userId}, ${b.userId})`,
  station_review_stations: (b) =>
    sql`insert into station_review_stations (tenant_id, review_id, station_id, township_id) values (${b.tenantId}, ${b.ids.station_reviews![0]}, ${b.ids.stations![0]}, ${b.ids.townships![0]})`,
  station_review_items: (b) =>
    sql`insert into station_review_items (tenant_id, review_id, station_id, item) values (${b.tenantId}, ${b.ids.station_reviews![0]}, ${b.ids.stations![0]}, '入侵')`,
};

/** A fresh database with tenants A and B seeded, and the names of its tenant tables. */
export async function openTwoTenants(driver: DriverName) {
  const t = await createTestDatabase(driver);
  const a = await t.db.withTenant(randomUUID(), (tx) => seedTenant(tx, "450107"));
  const b = await t.db.withTenant(randomUUID(), (tx) => seedTenant(tx, "450103"));
  const rows = await t.db.withoutTenant((tx) =>
    selectRows<{ name: string }>(
      tx,
      sql`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`,
    ),
  );
  const tenantTables = rows.map((r) => r.name).filter((name) => !(GLOBAL_TABLES as readonly string[]).includes(name));
  return { t, a, b, tenantTables };
}
