import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from "@mantine/core";
import { can } from "@rdlink/auth";
import { assignCases } from "@rdlink/core/cases/assign-cases";
import { CASE_CATEGORIES, type TCaseCategory } from "@rdlink/core/cases/case-categories";
import { listCases } from "@rdlink/core/cases/list-cases";
import { mergeIntoSuggestion } from "@rdlink/core/cases/merge-into-suggestion";
import { listHandlingUnits } from "@rdlink/core/handling-units/list-handling-units";
import { ValidationError } from "@rdlink/core/shared/errors";
import { listStations } from "@rdlink/core/stations/list-stations";
import { getDatabase } from "@rdlink/db";
import { IconPlus } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useFetcher, useSubmit } from "react-router";
import { useLocalized } from "~/components/field-inputs";
import { ListPagination } from "~/components/list-pagination";
import { ListSearch, ListTotal } from "~/components/list-search";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";
import { useFormErrors } from "~/lib/form-errors";
import { useListFilters } from "~/lib/list-filters";
import type { Route } from "./+types/inbox";

/** Who may assign: the township (opinions) and the county (suggestions, rulings). */
const ASSIGNING_ROLES = new Set(["township_operator", "county_admin"]);
/** Who may merge opinions into a deputy suggestion (the workflow's MERGE step says where). */
const MERGING_ROLES = new Set(["deputy", "township_operator", "county_admin"]);

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const canAssign = ctx.actor.memberships.some((m) => ASSIGNING_ROLES.has(m.role));
  const canMerge = ctx.actor.memberships.some((m) => MERGING_ROLES.has(m.role));
  return loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => ({
      ...(await listCases(tx, ctx, query)),
      stations: (await listStations(tx, ctx, { pageSize: 200 })).rows.map((s) => ({ value: s.id, label: s.name })),
      categories: CASE_CATEGORIES,
      units: canAssign
        ? (await listHandlingUnits(tx, ctx, { pageSize: 200 })).rows.map((u) => ({ value: u.id, label: u.name }))
        : null,
      canMerge,
      canRegister: can(ctx.actor, "tenant.cases.start"),
      // The countdowns count from the server's clock, so the page and its hydration agree.
      now: ctx.clock.now().getTime(),
    })),
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const { intent, ...form } = await readForm(request);
  try {
    await getDatabase().withTenant(tenantId, async (tx) => {
      if (intent === "merge") await mergeIntoSuggestion(tx, ctx, form);
      else if (intent === "assign") await assignCases(tx, ctx, form);
      else throw new ValidationError({}, "errors.unknownIntent");
    });
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

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

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { cases, total, query, categories, units, canMerge, canRegister, states, stations, now } = loaderData;
  const selectable = units !== null || canMerge;
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<"assign" | "merge" | null>(null);
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const close = useCallback(() => {
    setBulk(null);
    setSelected([]);
  }, []);
  useCloseOnSuccess(fetcher, close);
  const refused = (id: string) => errors.field(`caseIds.${id}`) !== undefined;
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  return (
    <>
      <PageHeader
        title={t("work.title")}
        intro={t("work.intro")}
        actions={
          canRegister && (
            <Group gap="xs">
              <Button component={Link} to="/work/new" leftSection={<IconPlus size={16} />}>
                {t("work.register.action")}
              </Button>
              <Button component={Link} to="/work/start" variant="default" leftSection={<IconPlus size={16} />}>
                {t("work.start.action")}
              </Button>
            </Group>
          )
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <SegmentedControl
            value={query.view}
            onChange={setFilter("view")}
            data={[
              { value: "mine", label: t("work.views.mine") },
              { value: "all", label: t("work.views.all") },
            ]}
          />
          <ListSearch placeholder={t("work.searchPlaceholder")} w={220} />
          <Select
            aria-label={t("work.state")}
            placeholder={t("work.state")}
            data={states.map((s) => ({ value: s.value, label: localized(s.label) }))}
            value={params.get("state")}
            onChange={setFilter("state")}
            clearable
            w={150}
          />
          <Select
            aria-label={t("work.station")}
            placeholder={t("work.station")}
            data={stations}
            value={params.get("stationId")}
            onChange={setFilter("stationId")}
            searchable
            clearable
            w={200}
          />
          <Select
            aria-label={t("work.deadline")}
            placeholder={t("work.deadline")}
            data={(["overdue", "warning"] as const).map((value) => ({ value, label: t(`work.deadlines.${value}`) }))}
            value={params.get("deadline")}
            onChange={setFilter("deadline")}
            clearable
            w={140}
          />
          <Select
            aria-label={t("work.category")}
            placeholder={t("work.category")}
            data={categories.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
            value={params.get("category")}
            onChange={setFilter("category")}
            clearable
            w={150}
          />
          <ListTotal total={total} />
          {units && selected.length > 0 && (
            <Button onClick={() => setBulk("assign")} data-testid="bulk-assign">
              {t("work.bulk.assign", { count: selected.length })}
            </Button>
          )}
          {canMerge && selected.length > 1 && (
            <Button variant="light" onClick={() => setBulk("merge")} data-testid="bulk-merge">
              {t("work.merge.action", { count: selected.length })}
            </Button>
          )}
        </Group>
      </Form>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="inbox">
            <Table.Thead>
              <Table.Tr>
                {selectable && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t("work.bulk.selectAll")}
                      checked={cases.length > 0 && selected.length === cases.length}
                      indeterminate={selected.length > 0 && selected.length < cases.length}
                      onChange={(e) => setSelected(e.currentTarget.checked ? cases.map((c) => c.id) : [])}
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
                <Table.Tr key={row.id} bg={refused(row.id) ? "red.0" : undefined}>
                  {selectable && (
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
        </Table.ScrollContainer>
        {cases.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("work.empty")}
          </Text>
        )}
      </Paper>
      <ListPagination total={total} page={query.page} pageSize={query.pageSize} />
      <Modal
        opened={bulk !== null}
        onClose={() => setBulk(null)}
        title={bulk === "merge" ? t("work.merge.title") : t("work.bulk.title")}
      >
        <fetcher.Form method="post">
          <Stack>
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            <input type="hidden" name="intent" value={bulk ?? ""} />
            {selected.map((id) => (
              <input key={id} type="hidden" name="caseIds[]" value={id} />
            ))}
            {bulk === "merge" ? (
              <>
                <Text size="sm">{t("work.merge.intro", { count: selected.length })}</Text>
                <Textarea
                  name="content"
                  label={t("work.merge.content")}
                  required
                  autosize
                  minRows={4}
                  maxLength={4000}
                  error={errors.field("content")}
                />
              </>
            ) : (
              <>
                <Text size="sm">{t("work.bulk.intro", { count: selected.length })}</Text>
                <Select
                  name="handlingUnit"
                  label={t("work.handlingUnit")}
                  data={units ?? []}
                  searchable
                  required
                  error={errors.field("handlingUnit")}
                />
              </>
            )}
            <Button type="submit" loading={fetcher.state !== "idle"}>
              {bulk === "merge" ? t("work.merge.submit") : t("work.bulk.submit")}
            </Button>
          </Stack>
        </fetcher.Form>
      </Modal>
    </>
  );
}
