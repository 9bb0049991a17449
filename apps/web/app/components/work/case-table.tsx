import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { listCases } from "@rdlink/core/cases/list-cases";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import { type CSSProperties, useId } from "react";
import { Link } from "react-router";
import { useLocalized } from "~/components/field-inputs";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";
import { useTranslation } from "~/lib/use-translation";
import { useDeadlineLeftWords } from "./deadline-words";

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

/*
 * The rows are plain elements carrying the classes and variables Mantine's Table.Tr, Table.Td, Anchor,
 * Text and Badge would give them (the same markup, so they look the same): resolving a component's
 * style props for every cell of 50 rows cost more than the rest of the page.
 */
const ROW = `${Table.classes.tr} mantine-Table-tr`;
const CELL = `${Table.classes.td} mantine-Table-td`;
const TEXT = `mantine-focus-auto ${Text.classes.root} mantine-Text-root`;
const ANCHOR = `mantine-focus-auto ${Anchor.classes.root} ${Text.classes.root} mantine-Text-root mantine-Anchor-root`;
const BADGE = `${Badge.classes.root} mantine-Badge-root`;
const BADGE_LABEL = `${Badge.classes.label} mantine-Badge-label`;
const BOLD: CSSProperties = { fontWeight: 600 };
const NO_WRAP: CSSProperties = { whiteSpace: "nowrap" };
const REFUSED_ROW: CSSProperties = { background: "var(--mantine-color-red-0)" };
const DIMMED_XS = {
  "--text-fz": "var(--mantine-font-size-xs)",
  "--text-lh": "var(--mantine-line-height-xs)",
  color: "var(--mantine-color-dimmed)",
} as CSSProperties;
/** A light badge of each deadline's colour, as `<Badge variant="light" miw="max-content">` draws it. */
const DEADLINE_BADGE = Object.fromEntries(
  Object.entries(DEADLINE_COLOR).map(([deadline, color]) => [
    deadline,
    {
      "--badge-bg": `var(--mantine-color-${color}-light)`,
      "--badge-color": `var(--mantine-color-${color}-light-color)`,
      "--badge-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
      minWidth: "max-content",
    } as CSSProperties,
  ]),
) as Record<keyof typeof DEADLINE_COLOR, CSSProperties>;

/*
 * A row's checkbox: the markup `<Checkbox aria-label=… />` renders (its root, body, inner, input, icon
 * and empty label wrapper, with its classes and the theme's filled colour), without resolving its
 * styles for each of 50 rows. Checkbox.classes holds InlineInput's classes over Checkbox's own.
 */
const CHECKBOX_ROOT = "m_bf2d988c mantine-Checkbox-root m_5f75b09e mantine-Checkbox-root";
const CHECKBOX_BODY = `${Checkbox.classes.body} mantine-Checkbox-body`;
const CHECKBOX_INNER = `${Checkbox.classes.inner} mantine-Checkbox-inner`;
const CHECKBOX_INPUT = `mantine-focus-auto ${Checkbox.classes.input} mantine-Checkbox-input`;
const CHECKBOX_ICON = `${Checkbox.classes.icon} mantine-Checkbox-icon`;
const CHECKBOX_LABEL_WRAPPER = `${Checkbox.classes.labelWrapper} mantine-Checkbox-labelWrapper`;
const CHECKBOX_VARS = {
  "--checkbox-radius": "var(--mantine-radius-sm)",
  "--checkbox-color": "var(--mantine-color-red-filled)",
} as CSSProperties;

function RowCheckbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: () => void }) {
  const id = `mantine-${useId().replace(/:/g, "")}`;
  return (
    <div
      style={CHECKBOX_VARS}
      className={CHECKBOX_ROOT}
      data-variant="filled"
      data-label-position="right"
      data-checked={checked || undefined}
    >
      <div className={CHECKBOX_BODY}>
        <div className={CHECKBOX_INNER} data-label-position="right">
          <input
            className={CHECKBOX_INPUT}
            data-with-error-styles="true"
            id={id}
            aria-label={label}
            type="checkbox"
            checked={checked}
            onChange={onChange}
          />
          <svg
            viewBox="0 0 10 7"
            fill="none"
            xmlns="http://www.w3.org/2000/svg"
            aria-hidden="true"
            className={CHECKBOX_ICON}
          >
            <path
              d="M4 4.586L1.707 2.293A1 1 0 1 0 .293 3.707l3 3a.997.997 0 0 0 1.414 0l5-5A1 1 0 1 0 8.293.293L4 4.586z"
              fill="currentColor"
              fillRule="evenodd"
              clipRule="evenodd"
            />
          </svg>
        </div>
        <div className={CHECKBOX_LABEL_WRAPPER} />
      </div>
    </div>
  );
}

/** An instant as a day in Asia/Shanghai, the county's time (one formatter: making one costs more than a row). */
const shanghaiDays = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });
const shanghaiDay = (value: Date | string) => shanghaiDays.format(new Date(value));

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
  const deadlineLeft = useDeadlineLeftWords();
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
          <tr
            key={row.id}
            className={ROW}
            data-with-row-border="true"
            data-striped="odd"
            data-hover="true"
            style={selection?.refused(row.id) ? REFUSED_ROW : undefined}
          >
            {selection && (
              <td className={CELL}>
                <RowCheckbox
                  label={t("work.bulk.select", { title: row.title ?? "" })}
                  checked={selected.includes(row.id)}
                  onChange={() => toggle(row.id)}
                />
              </td>
            )}
            <td className={CELL}>
              <Link to={`/work/cases/${row.id}`} className={ANCHOR} data-underline="hover" style={BOLD}>
                {row.title ?? t("work.untitled")}
              </Link>
              <p className={TEXT} data-size="xs" style={DIMMED_XS}>
                {row.trackingCode}
                {row.category && ` · ${t(`cases.categories.${row.category as TCaseCategory}`)}`}
              </p>
            </td>
            <td className={CELL}>
              {/* Never cut to "还剩3个…" when a narrow screen squeezes the column. */}
              <div
                className={BADGE}
                data-variant="light"
                data-deadline={row.deadline}
                style={DEADLINE_BADGE[row.deadline]}
              >
                <span className={BADGE_LABEL}>
                  {row.countdown
                    ? deadlineLeft(row.countdown)
                    : row.deadline === "overdue"
                      ? t("work.deadlines.overdue")
                      : "—"}
                </span>
              </div>
            </td>
            <td className={CELL} style={NO_WRAP} data-testid="case-received">
              {shanghaiDay(row.createdAt)}
            </td>
            <td className={CELL}>
              {localized(row.stateLabel)}
              {row.unattended && (
                <Badge color="red" variant="outline" size="xs" ml={4} data-testid="case-unattended">
                  {t("work.unattended")}
                </Badge>
              )}
            </td>
            <td className={CELL} data-testid="case-place">
              {row.stationName ?? "—"}
              <p className={TEXT} data-size="xs" style={DIMMED_XS}>
                {row.townshipName}
              </p>
            </td>
            <td className={CELL} data-testid="case-unit">
              {row.handlingUnitName ?? "—"}
            </td>
          </tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
