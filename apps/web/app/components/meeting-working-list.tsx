import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import type { getMeeting } from "@rdlink/core/suggestions/get-meeting";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useFetcher, useSearchParams } from "react-router";
import { ListTable } from "~/components/list-table";
import type { MeetingProposal } from "~/components/meeting-dialogs";
import { useTranslation } from "~/lib/use-translation";
import type { action } from "~/routes/county/meeting";

type Data = Awaited<ReturnType<typeof getMeeting>>;
type Row = Data["suggestions"][number];

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

/** A row's proposal (主办, 协办, 重点) or that it has none yet. */
function Proposal({ proposal, unitName }: { proposal: MeetingProposal; unitName: Map<string, string> }) {
  const { t } = useTranslation();
  if (!proposal)
    return (
      <Text size="sm" c="dark.6">
        {t("meetings.noProposal")}
      </Text>
    );
  return (
    <Stack gap={0} data-testid="proposal">
      <Text size="sm" fw={600}>
        {unitName.get(proposal.leadUnitId) ?? "—"}
        {proposal.keySupervision && (
          <Badge size="xs" color="red" variant="light" ml={6}>
            {t("meetings.key")}
          </Badge>
        )}
      </Text>
      {proposal.coUnitIds.length > 0 && (
        <Text size="xs" c="dark.6">
          {t("meetings.coUnits")}：{proposal.coUnitIds.map((id) => unitName.get(id) ?? "—").join("、")}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The meeting's working list: the session's suggestions waiting for 交办, filtered, many selected
 * at once (`selected` is the page's, so a saved proposal can clear it), each proposal changeable.
 */
export function MeetingWorkingList({
  data,
  selected,
  setSelected,
  onPropose,
}: {
  data: Pick<Data, "suggestions" | "units" | "pending" | "filters">;
  selected: Set<string>;
  setSelected: (next: Set<string> | ((current: Set<string>) => Set<string>)) => void;
  onPropose: (caseIds: string[], current: MeetingProposal) => void;
}) {
  const { t } = useTranslation();
  const { suggestions, units, pending, filters } = data;
  const unitName = useMemo(() => new Map(units.map((u) => [u.value, u.label])), [units]);
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
  return (
    <>
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
            <Button size="xs" onClick={() => onPropose(chosen, null)}>
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
                <Proposal proposal={row.proposal} unitName={unitName} />
                <Button size="compact-xs" variant="subtle" onClick={() => onPropose([row.caseId], row.proposal)}>
                  {t("meetings.change")}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
