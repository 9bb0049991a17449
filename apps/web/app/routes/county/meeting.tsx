import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { assignAtMeeting } from "@rdlink/core/suggestions/assign-at-meeting";
import { clearProposals } from "@rdlink/core/suggestions/clear-proposals";
import { getMeeting } from "@rdlink/core/suggestions/get-meeting";
import { proposeUnits } from "@rdlink/core/suggestions/propose-units";
import { updateMeeting } from "@rdlink/core/suggestions/update-meeting";
import { IconChecks, IconPencil, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useFetcher } from "react-router";
import {
  AssignModal,
  EditMeetingModal,
  type MeetingProposal,
  type MeetingReport,
  ProposeModal,
} from "~/components/meeting-dialogs";
import { MeetingWorkingList } from "~/components/meeting-working-list";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/meeting";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    category: params.get("category") ?? undefined,
    q: params.get("q") ?? undefined,
    unproposed: params.get("unproposed") ?? undefined,
  };
  return countyLoader(
    args,
    (tx, ctx) => getMeeting(tx, ctx, args.params.sessionId, args.params.meetingId, query),
    "tenant.sessions.manage",
  );
}

export function action(args: Route.ActionArgs) {
  const { sessionId, meetingId } = args.params;
  return intentAction(
    args,
    {
      edit: (tx, ctx, form) => updateMeeting(tx, ctx, sessionId, meetingId, form),
      propose: async (tx, ctx, form) => ({ report: await proposeUnits(tx, ctx, sessionId, meetingId, form) }),
      clear: async (tx, ctx, form) => ({ report: await clearProposals(tx, ctx, sessionId, meetingId, form) }),
      assign: async (tx, ctx) => ({ report: await assignAtMeeting(tx, ctx, sessionId, meetingId) }),
    },
    "tenant.sessions.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

/** The units the meeting assigned to, each with its 交办单 to print. */
function AssignedUnits({ data }: { data: Data }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mt="lg" data-testid="meeting-units">
      <Title order={2} size="h4">
        {t("meetings.units")}
      </Title>
      <Text size="sm" c="dark.6" mb="sm">
        {t("meetings.unitsIntro")}
      </Text>
      {data.assignedUnits.length === 0 ? (
        <Text size="sm" c="dark.6">
          {t("meetings.noUnits")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("meetings.unit")}</Table.Th>
                <Table.Th>{t("meetings.leadCount")}</Table.Th>
                <Table.Th>{t("meetings.coCount")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.assignedUnits.map((unit) => (
                <Table.Tr key={unit.id}>
                  <Table.Td>{unit.name}</Table.Td>
                  <Table.Td>{unit.lead}</Table.Td>
                  <Table.Td>{unit.co}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/county/sessions/${data.session.id}/meetings/${data.meeting.id}/units/${unit.id}/print`}
                      size="sm"
                    >
                      <Group gap={4} wrap="nowrap">
                        <IconPrinter size={14} />
                        {t("meetings.print")}
                      </Group>
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/**
 * 交办会: the meeting's record, the session's suggestions waiting for 交办 (filtered, many selected
 * at once, each proposal changeable, last session's unit for a similar title as a hint), one
 * action to assign them all, and each unit's 交办单.
 */
export default function Meeting({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { session, meeting, units, pending, stale } = loaderData;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<
    { kind: "edit" } | { kind: "propose"; caseIds: string[]; current: MeetingProposal } | { kind: "assign" } | null
  >(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clearFetcher = useFetcher<typeof action>();
  const clearErrors = useFormErrors(clearFetcher.data);
  const done = (report: MeetingReport) => {
    setDialog(null);
    if (report.assigned !== undefined) setNotice(t("meetings.assigned", { count: report.assigned }));
    else if (report.proposed !== undefined) {
      setNotice(t("meetings.proposed", { count: report.proposed }));
      setSelected(new Set());
    }
  };
  const held = meeting.assignedAt
    ? t("meetings.assignedSummary", {
        count: meeting.assignedCount,
        at: new Date(meeting.assignedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }),
      })
    : t("meetings.notAssigned");
  return (
    <>
      <Anchor component={Link} to={`/county/sessions/${session.id}`} size="sm">
        ← {session.name}
      </Anchor>
      <PageHeader
        title={meeting.name}
        intro={`${t("meetings.heldOn")}：${meeting.heldOn} · ${held}`}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setDialog({ kind: "edit" })}
            >
              {t("meetings.edit")}
            </Button>
            <Button
              leftSection={<IconChecks size={16} />}
              disabled={pending === 0}
              onClick={() => setDialog({ kind: "assign" })}
            >
              {t("meetings.confirm")}
              {pending > 0 ? `（${pending}）` : ""}
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Text size="sm" fw={600}>
          {t("meetings.attendees")}
        </Text>
        <Text size="sm" c={meeting.attendees ? undefined : "dark.6"} style={{ whiteSpace: "pre-wrap" }}>
          {meeting.attendees || t("meetings.noAttendees")}
        </Text>
      </Paper>
      {notice && (
        <Alert color="green" mb="md" withCloseButton onClose={() => setNotice(null)} data-testid="meeting-notice">
          {notice}
        </Alert>
      )}
      {stale.length > 0 && (
        <Alert color="orange" mb="md" data-testid="stale">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("meetings.stale", { numbers: stale.map((s) => s.number).join("、") })}</Text>
            <clearFetcher.Form method="post">
              <input type="hidden" name="intent" value="clear" />
              {stale.map((s) => (
                <input key={s.caseId} type="hidden" name="caseIds[]" value={s.caseId} />
              ))}
              <Button type="submit" size="xs" variant="default" loading={clearFetcher.state !== "idle"}>
                {t("meetings.clearStale")}
              </Button>
            </clearFetcher.Form>
            {clearErrors.form && <Text c="red">{clearErrors.form}</Text>}
          </Stack>
        </Alert>
      )}
      <Title order={2} size="h4">
        {t("meetings.working")}
      </Title>
      <Text size="sm" c="dark.6" mb="sm">
        {t("meetings.workingIntro")}
      </Text>
      <MeetingWorkingList
        data={loaderData}
        selected={selected}
        setSelected={setSelected}
        onPropose={(caseIds, current) => setDialog({ kind: "propose", caseIds, current })}
      />
      <AssignedUnits data={loaderData} />
      {dialog?.kind === "edit" && <EditMeetingModal meeting={meeting} onClose={() => setDialog(null)} />}
      {dialog?.kind === "propose" && (
        <ProposeModal
          caseIds={dialog.caseIds}
          current={dialog.current}
          units={units}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === "assign" && <AssignModal count={pending} onClose={() => setDialog(null)} onDone={done} />}
    </>
  );
}
