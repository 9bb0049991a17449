import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { assignAtMeeting } from "@rdlink/core/suggestions/assign-at-meeting";
import { clearProposals } from "@rdlink/core/suggestions/clear-proposals";
import { getMeeting } from "@rdlink/core/suggestions/get-meeting";
import { proposeUnits } from "@rdlink/core/suggestions/propose-units";
import { updateMeeting } from "@rdlink/core/suggestions/update-meeting";
import { IconChecks, IconPencil, IconPrinter, IconSearch } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher, useSearchParams } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
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
type Row = Data["suggestions"][number];
type Report = { proposed?: number; cleared?: number; assigned?: number };

/** What the last form did, said once (the page reloads its list by itself). */
function useDone(fetcher: { state: string; data?: unknown }, onDone: (report: Report) => void) {
  useEffect(() => {
    const data = fetcher.data as { ok?: boolean; report?: Report } | undefined;
    if (fetcher.state === "idle" && data?.ok) onDone(data.report ?? {});
    // onDone is a fresh closure each render; only a new answer calls it.
  }, [fetcher.state, fetcher.data]);
}

function EditMeetingModal({ meeting, onClose }: { meeting: Data["meeting"]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useDone(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={t("meetings.edit")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="edit" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            type="date"
            name="heldOn"
            label={t("meetings.heldOn")}
            defaultValue={meeting.heldOn}
            required
            error={errors.field("heldOn")}
          />
          <TextInput
            name="name"
            label={t("meetings.name")}
            defaultValue={meeting.name}
            description={t("meetings.nameHint")}
            maxLength={80}
            error={errors.field("name")}
          />
          <Textarea
            name="attendees"
            label={t("meetings.attendees")}
            description={t("meetings.attendeesHint")}
            defaultValue={meeting.attendees}
            autosize
            minRows={3}
            maxLength={2000}
            error={errors.field("attendees")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 拟定承办单位 for the selected suggestions (or one): 主办, 协办, 重点建议. */
function ProposeModal({
  caseIds,
  current,
  units,
  onClose,
  onDone,
}: {
  caseIds: string[];
  current: Row["proposal"];
  units: Data["units"];
  onClose: () => void;
  onDone: (report: Report) => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [lead, setLead] = useState<string | null>(current?.leadUnitId ?? null);
  useDone(fetcher, onDone);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("meetings.setUnitsFor", { count: caseIds.length })}
      centered
      data-testid="propose-modal"
    >
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="propose" />
          {caseIds.map((id) => (
            <input key={id} type="hidden" name="caseIds[]" value={id} />
          ))}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <Select
            name="leadUnitId"
            label={t("meetings.leadUnit")}
            data={units}
            value={lead}
            onChange={setLead}
            searchable
            required
            error={errors.field("leadUnitId")}
            data-autofocus
          />
          <MultiSelect
            name="coUnitIds"
            label={t("meetings.coUnits")}
            description={t("meetings.coUnitsHint")}
            data={units.filter((u) => u.value !== lead)}
            defaultValue={current?.coUnitIds ?? []}
            searchable
            error={errors.field("coUnitIds")}
          />
          <Checkbox
            name="keySupervision"
            label={t("meetings.keySupervision")}
            defaultChecked={current?.keySupervision ?? false}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 确认交办: every proposal goes out in one action, or none does (the refusal names which). */
function AssignModal({ count, onClose, onDone }: { count: number; onClose: () => void; onDone: (r: Report) => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useDone(fetcher, onDone);
  return (
    <Modal opened onClose={onClose} title={t("meetings.confirmTitle", { count })} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="assign" />
          {errors.form && (
            <Alert color="red" data-testid="assign-error">
              {errors.form}
            </Alert>
          )}
          <Text size="sm">{t("meetings.confirmText")}</Text>
          <FormActions
            onCancel={onClose}
            submitLabel={t("meetings.confirmAction", { count })}
            busy={fetcher.state !== "idle"}
          />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 往年类似建议由 XX 办理, and one click to take that unit as the lead. */
function Hint({ row }: { row: Row }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (!row.hint || row.proposal?.leadUnitId === row.hint.unitId) return null;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="caseIds[]" value={row.caseId} />
      <input type="hidden" name="leadUnitId" value={row.hint.unitId} />
      <Group gap={6} mt={4} wrap="nowrap">
        <Text size="xs" c="dark.6" title={t("meetings.hintTitle", { title: row.hint.title })} data-testid="hint">
          {t("meetings.hint", { unit: row.hint.unitName })}
        </Text>
        <Button type="submit" size="compact-xs" variant="light" loading={fetcher.state !== "idle"}>
          {t("meetings.takeHint")}
        </Button>
      </Group>
    </fetcher.Form>
  );
}

function Filters({ filters }: { filters: Data["filters"] }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [text, setText] = useState(filters.q);
  const set = (key: string, value: string | null) =>
    setParams((current) => {
      if (value) current.set(key, value);
      else current.delete(key);
      return current;
    });
  return (
    <Group mb="sm" align="flex-end" wrap="wrap">
      <Select
        label={t("sessions.category")}
        placeholder={t("sessions.allCategories")}
        data={CASE_CATEGORIES.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
        value={filters.category}
        clearable
        w={200}
        onChange={(value) => set("category", value)}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          set("q", text.trim());
        }}
      >
        <TextInput
          label={t("meetings.search")}
          placeholder={t("meetings.searchHint")}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={() => text.trim() !== filters.q && set("q", text.trim())}
          leftSection={<IconSearch size={16} />}
          w={240}
          type="search"
        />
      </form>
      <Checkbox
        label={t("meetings.unproposedOnly")}
        checked={filters.unproposed}
        onChange={(event) => set("unproposed", event.currentTarget.checked ? "1" : null)}
        mb={8}
      />
    </Group>
  );
}

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
  const { session, meeting, suggestions, units, pending, stale, filters } = loaderData;
  const unitName = useMemo(() => new Map(units.map((u) => [u.value, u.label])), [units]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<
    { kind: "edit" } | { kind: "propose"; caseIds: string[]; current: Row["proposal"] } | { kind: "assign" } | null
  >(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clearFetcher = useFetcher<typeof action>();
  const clearErrors = useFormErrors(clearFetcher.data);
  // What is selected stays among what is listed (a filter or an assignment narrows the list).
  const listed = useMemo(() => new Set(suggestions.map((s) => s.caseId)), [suggestions]);
  const chosen = [...selected].filter((id) => listed.has(id));
  const allChosen = suggestions.length > 0 && chosen.length === suggestions.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const done = (report: Report) => {
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
      <Filters key={filters.q} filters={filters} />
      <Group mb="sm" gap="sm" wrap="wrap">
        <Text size="sm" c="dark.6" data-testid="shown">
          {t("meetings.shown", { count: suggestions.length })}
          {pending > 0 ? ` · ${t("meetings.pending", { count: pending })}` : ""}
        </Text>
        <Button
          size="xs"
          variant="default"
          disabled={suggestions.length === 0 || allChosen}
          onClick={() => setSelected(new Set([...selected, ...listed]))}
        >
          {t("meetings.selectAll")}
        </Button>
        {chosen.length > 0 && (
          <>
            <Text size="sm" fw={600} data-testid="selected">
              {t("meetings.selected", { count: chosen.length })}
            </Text>
            <Button size="xs" onClick={() => setDialog({ kind: "propose", caseIds: chosen, current: null })}>
              {t("meetings.setUnits")}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
              {t("meetings.clearSelection")}
            </Button>
          </>
        )}
      </Group>
      <ListTable
        minWidth={860}
        data-testid="working-list"
        empty={filters.category || filters.q || filters.unproposed ? t("meetings.emptyFiltered") : t("meetings.empty")}
        paging={{ total: suggestions.length, page: 1, pageSize: Math.max(suggestions.length, 1) }}
        head={
          <>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t("meetings.selectAll")}
                checked={allChosen}
                indeterminate={chosen.length > 0 && !allChosen}
                onChange={(event) => setSelected(event.currentTarget.checked ? new Set(listed) : new Set())}
              />
            </Table.Th>
            <Table.Th>{t("sessions.number")}</Table.Th>
            <Table.Th>{t("sessions.suggestionTitle")}</Table.Th>
            <Table.Th>{t("sessions.category")}</Table.Th>
            <Table.Th>{t("sessions.leadDeputy")}</Table.Th>
            <Table.Th>{t("meetings.proposal")}</Table.Th>
          </>
        }
      >
        {suggestions.map((row) => (
          <Table.Tr key={row.caseId} data-testid={`row-${row.number}`}>
            <Table.Td>
              <Checkbox
                aria-label={t("meetings.selectRow", { number: row.number })}
                checked={selected.has(row.caseId)}
                onChange={(event) => toggle(row.caseId, event.currentTarget.checked)}
              />
            </Table.Td>
            <Table.Td ff="monospace">{row.number}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/work/cases/${row.caseId}`}>
                {row.title}
              </Anchor>
              <Hint row={row} />
            </Table.Td>
            <Table.Td>
              {row.category ? t(`cases.categories.${row.category as "other"}`) : t("sessions.noCategory")}
            </Table.Td>
            <Table.Td>{row.leadDeputyName}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                {row.proposal ? (
                  <Stack gap={0} data-testid="proposal">
                    <Text size="sm" fw={600}>
                      {unitName.get(row.proposal.leadUnitId) ?? "—"}
                      {row.proposal.keySupervision && (
                        <Badge size="xs" color="red" variant="light" ml={6}>
                          {t("meetings.key")}
                        </Badge>
                      )}
                    </Text>
                    {row.proposal.coUnitIds.length > 0 && (
                      <Text size="xs" c="dark.6">
                        {t("meetings.coUnits")}：
                        {row.proposal.coUnitIds.map((id) => unitName.get(id) ?? "—").join("、")}
                      </Text>
                    )}
                  </Stack>
                ) : (
                  <Text size="sm" c="dark.6">
                    {t("meetings.noProposal")}
                  </Text>
                )}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setDialog({ kind: "propose", caseIds: [row.caseId], current: row.proposal })}
                >
                  {t("meetings.change")}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
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
