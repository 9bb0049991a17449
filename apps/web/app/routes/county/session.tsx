import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { createMeeting } from "@rdlink/core/suggestions/create-meeting";
import { enterSuggestion } from "@rdlink/core/suggestions/enter-suggestion";
import { getSession } from "@rdlink/core/suggestions/get-session";
import { getSessionFigures } from "@rdlink/core/suggestions/get-session-figures";
import { listMeetings } from "@rdlink/core/suggestions/list-meetings";
import { updateSession } from "@rdlink/core/suggestions/update-session";
import { IconFileSpreadsheet, IconGavel, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, redirect, useSearchParams } from "react-router";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { EditSessionModal, EnterSuggestionModal, NewMeetingModal } from "~/components/session-dialogs";
import { SessionFigures } from "~/components/session-figures";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useLocalized } from "~/lib/localized";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/session";

export function loader(args: Route.LoaderArgs) {
  const category = new URL(args.request.url).searchParams.get("category") ?? undefined;
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await getSession(tx, ctx, args.params.sessionId, { category })),
      meetings: await listMeetings(tx, ctx, args.params.sessionId),
      figures: await getSessionFigures(tx, ctx, args.params.sessionId),
    }),
    "tenant.sessions.manage",
  );
}

export function action(args: Route.ActionArgs) {
  const { sessionId } = args.params;
  return intentAction(
    args,
    {
      edit: (tx, ctx, form) => updateSession(tx, ctx, sessionId, form),
      enter: async (tx, ctx, form) => ({ report: await enterSuggestion(tx, ctx, sessionId, form) }),
      meeting: async (tx, ctx, form) => {
        const meeting = await createMeeting(tx, ctx, sessionId, form);
        return redirect(`/county/sessions/${sessionId}/meetings/${meeting.id}`);
      },
    },
    "tenant.sessions.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

/** The session's 交办会, each with what it has assigned. */
function Meetings({ sessionId, meetings }: { sessionId: string; meetings: Data["meetings"] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mb="md" data-testid="meetings">
      <Title order={2} size="h4" mb="xs">
        {t("meetings.list")}
      </Title>
      {meetings.length === 0 ? (
        <Text c="dark.6" size="sm">
          {t("meetings.none")}
        </Text>
      ) : (
        <Stack gap={6}>
          {meetings.map((m) => (
            <Group key={m.id} gap="sm" wrap="wrap">
              <Anchor component={Link} to={`/county/sessions/${sessionId}/meetings/${m.id}`}>
                {m.name}
              </Anchor>
              <Text size="sm" c="dark.6">
                {m.heldOn} ·{" "}
                {m.assignedCount > 0
                  ? t("meetings.assignedSummary", {
                      count: m.assignedCount,
                      at: new Date(m.assignedAt!).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" }),
                    })
                  : t("meetings.notAssigned")}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * A congress session: its suggestions in number order, where each stands, filtered by category;
 * the office enters one by hand or imports the session's list.
 */
export default function Session({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { session, category, suggestions, meetings, figures } = loaderData;
  const [, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<"edit" | "enter" | "meeting" | null>(null);
  const [entered, setEntered] = useState<string | null>(null);
  return (
    <>
      <Anchor component={Link} to="/county/sessions" size="sm">
        ← {t("sessions.back")}
      </Anchor>
      <PageHeader
        title={session.name}
        intro={`${t("sessions.dates")}：${session.opensOn} – ${session.closesOn}`}
        actions={
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setDialog("edit")}>
              {t("sessions.edit")}
            </Button>
            <Button
              component={Link}
              to={`/county/sessions/${session.id}/import`}
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
            >
              {t("sessions.importAction")}
            </Button>
            <Button variant="default" leftSection={<IconGavel size={16} />} onClick={() => setDialog("meeting")}>
              {t("meetings.open")}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog("enter")}>
              {t("sessions.enter")}
            </Button>
          </Group>
        }
      />
      {entered && (
        <Alert color="green" mb="md" withCloseButton onClose={() => setEntered(null)}>
          {t("sessions.entered", { number: entered })}
        </Alert>
      )}
      <Meetings sessionId={session.id} meetings={meetings} />
      <SessionFigures sessionId={session.id} total={figures.total} units={figures.units} />
      <Group mb="md" align="flex-end">
        <Select
          label={t("sessions.category")}
          placeholder={t("sessions.allCategories")}
          data={CASE_CATEGORIES.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
          value={category}
          clearable
          w={220}
          onChange={(value) =>
            setParams((current) => {
              if (value) current.set("category", value);
              else current.delete("category");
              return current;
            })
          }
        />
        <Text c="dark.6" data-testid="suggestion-total">
          {t("sessions.total", { count: suggestions.length })}
        </Text>
      </Group>
      <ListTable
        minWidth={760}
        data-testid="suggestions"
        empty={t("sessions.noSuggestions")}
        paging={{ total: suggestions.length, page: 1, pageSize: Math.max(suggestions.length, 1) }}
        head={
          <>
            <Table.Th>{t("sessions.number")}</Table.Th>
            <Table.Th>{t("sessions.suggestionTitle")}</Table.Th>
            <Table.Th>{t("sessions.leadDeputy")}</Table.Th>
            <Table.Th>{t("sessions.category")}</Table.Th>
            <Table.Th>{t("sessions.status")}</Table.Th>
          </>
        }
      >
        {suggestions.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td ff="monospace">{s.number}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/work/cases/${s.caseId}`}>
                {s.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {s.leadDeputyName}
              {s.coDeputies > 0 && (
                <Text span size="xs" c="dark.6" ml={6}>
                  {t("sessions.coDeputiesCount", { count: s.coDeputies })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {s.category ? t(`cases.categories.${s.category as "other"}`) : t("sessions.noCategory")}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={s.status === "done" ? "gray" : "blue"}>
                {localized(s.stateLabel)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {dialog === "edit" && <EditSessionModal session={session} onClose={() => setDialog(null)} />}
      {dialog === "meeting" && <NewMeetingModal sessionName={session.name} onClose={() => setDialog(null)} />}
      {dialog === "enter" && (
        <EnterSuggestionModal
          onClose={() => setDialog(null)}
          onDone={(number) => {
            setDialog(null);
            setEntered(number);
          }}
        />
      )}
    </>
  );
}
