import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { listCases } from "@rdlink/core/cases/list-cases";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocalized } from "~/components/field-inputs";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";
import { useDeadlineWords } from "./deadline-words";

export type CaseRow = Awaited<ReturnType<typeof listCases>>["cases"][number];

/** A column the list sorts by, and the list's sort as the URL has it ("-" descending). */
type TSortColumn = "title" | "due" | "received";
export type TCaseSort = { current: string; onChange: (sort: string) => void };

/** A column header that sorts by its column: ascending first, then descending. */
function SortHeader({ column, label, sort }: { column: TSortColumn; label: string; sort?: TCaseSort }) {
  const { t } = useTranslation();
  if (!sort) return <Table.Th>{label}</Table.Th>;
  const direction = sort.current === column ? "asc" : sort.current === `-${column}` ? "desc" : null;
  const Icon = direction === "asc" ? IconArrowUp : direction === "desc" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}>
      <UnstyledButton
        onClick={() => sort.onChange(direction === "asc" ? `-${column}` : column)}
        data-testid={`sort-${column}`}
        aria-label={t("work.sortBy", { column: label })}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** An instant as a day in Asia/Shanghai, the county's time. */
const shanghaiDay = (value: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date(value));

/**
 * The workbench's list of cases: title, deadline in words (worked out by the server at its `now`, as the case page says it), state,
 * place and handling unit. With `selection`, each row has a checkbox for the bulk tools, and
 * the rows a bulk action refused are marked.
 */
export function CaseTable({
  cases,
  selection,
  sort,
}: {
  cases: CaseRow[];
  sort?: TCaseSort;
  selection?: { selected: string[]; onChange: (ids: string[]) => void; refused: (id: string) => boolean };
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const words = useDeadlineWords();
  const selected = selection?.selected ?? [];
  const toggle = (id: string) =>
    selection?.onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <Table striped highlightOnHover verticalSpacing="sm" data-testid="inbox">
      <Table.Thead>
        <Table.Tr>
          {selection && (
            <Table.Th w={40}>
              <Checkbox
                aria-label={t("work.bulk.selectAll")}
                checked={cases.length > 0 && selected.length === cases.length}
                indeterminate={selected.length > 0 && selected.length < cases.length}
                onChange={(e) => selection.onChange(e.currentTarget.checked ? cases.map((c) => c.id) : [])}
              />
            </Table.Th>
          )}
          <SortHeader column="title" label={t("work.case")} sort={sort} />
          {/* Beside the title, so a phone shows it without scrolling the table sideways. */}
          <SortHeader column="due" label={t("work.deadline")} sort={sort} />
          <SortHeader column="received" label={t("work.received")} sort={sort} />
          <Table.Th>{t("work.state")}</Table.Th>
          <Table.Th>{t("work.station")}</Table.Th>
          <Table.Th>{t("work.handlingUnit")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cases.map((row) => (
          <Table.Tr key={row.id} bg={selection?.refused(row.id) ? "red.0" : undefined}>
            {selection && (
              <Table.Td>
                <Checkbox
                  aria-label={t("work.bulk.select", { title: row.title ?? "" })}
                  checked={selected.includes(row.id)}
                  onChange={() => toggle(row.id)}
                />
              </Table.Td>
            )}
            <Table.Td>
              <Anchor component={Link} to={`/work/cases/${row.id}`} fw={600}>
                {row.title ?? t("work.untitled")}
              </Anchor>
              <Text size="xs" c="dimmed">
                {row.trackingCode}
                {row.category && ` · ${t(`cases.categories.${row.category as TCaseCategory}`)}`}
              </Text>
            </Table.Td>
            <Table.Td>
              {/* Never cut to "还剩3个…" when a narrow screen squeezes the column. */}
              <Badge
                variant="light"
                color={DEADLINE_COLOR[row.deadline]}
                data-deadline={row.deadline}
                miw="max-content"
              >
                {row.countdown
                  ? words(row.countdown).left
                  : row.deadline === "overdue"
                    ? t("work.deadlines.overdue")
                    : "—"}
              </Badge>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="case-received">
              {shanghaiDay(row.createdAt)}
            </Table.Td>
            <Table.Td>
              {localized(row.stateLabel)}
              {row.unattended && (
                <Badge color="red" variant="outline" size="xs" ml={4} data-testid="case-unattended">
                  {t("work.unattended")}
                </Badge>
              )}
            </Table.Td>
            <Table.Td data-testid="case-place">
              {row.stationName ?? "—"}
              <Text size="xs" c="dimmed">
                {row.townshipName}
              </Text>
            </Table.Td>
            <Table.Td data-testid="case-unit">{row.handlingUnitName ?? "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
