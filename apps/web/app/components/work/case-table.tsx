import { Anchor, Badge, Checkbox, Table, Text } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { listCases } from "@rdlink/core/cases/list-cases";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocalized } from "~/components/field-inputs";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";

export type CaseRow = Awaited<ReturnType<typeof listCases>>["cases"][number];

/** Days (or hours) left until a deadline, or since it passed. */
function countdown(
  dueAt: Date | string | null,
  now: number,
  t: (key: string, values?: Record<string, string>) => string,
) {
  if (!dueAt) return "—";
  const hours = Math.round((new Date(dueAt).getTime() - now) / 3_600_000);
  const amount =
    Math.abs(hours) >= 48
      ? `${Math.round(Math.abs(hours) / 24)}${t("work.days")}`
      : `${Math.abs(hours)}${t("work.hours")}`;
  return hours >= 0 ? t("work.dueIn", { amount }) : t("work.overdueBy", { amount });
}

/**
 * The workbench's list of cases: title, deadline countdown (from the server's `now`), state,
 * place and handling unit. With `selection`, each row has a checkbox for the bulk tools, and
 * the rows a bulk action refused are marked.
 */
export function CaseTable({
  cases,
  now,
  selection,
}: {
  cases: CaseRow[];
  now: number;
  selection?: { selected: string[]; onChange: (ids: string[]) => void; refused: (id: string) => boolean };
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
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
          <Table.Th>{t("work.case")}</Table.Th>
          {/* Beside the title, so a phone shows it without scrolling the table sideways. */}
          <Table.Th>{t("work.deadline")}</Table.Th>
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
              <Badge variant="light" color={DEADLINE_COLOR[row.deadline]} data-deadline={row.deadline}>
                {row.deadline === "none" ? "—" : countdown(row.dueAt, now, t as never)}
              </Badge>
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
