import { Alert, Button, Group, List, Paper, SegmentedControl, Select, Table, Text, TextInput } from "@mantine/core";
import { can } from "@rdlink/auth";
import { assignCases } from "@rdlink/core/cases/assign-cases";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { listCases } from "@rdlink/core/cases/list-cases";
import { mergeIntoSuggestion } from "@rdlink/core/cases/merge-into-suggestion";
import { stepCases } from "@rdlink/core/cases/step-cases";
import { listHandlingUnits } from "@rdlink/core/handling-units/list-handling-units";
import { listStations } from "@rdlink/core/stations/list-stations";
import { IconPlus } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { Form, Link, useFetcher, useSubmit } from "react-router";
import { ExportButton } from "~/components/export-button";
import { useLocalized } from "~/components/field-inputs";
import { ListPagination } from "~/components/list-pagination";
import { ListSearch, ListTotal } from "~/components/list-search";
import { PageHeader } from "~/components/page-header";
import { BulkCaseModal, type BulkIntent } from "~/components/work/bulk-case-modal";
import { CaseTable } from "~/components/work/case-table";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/inbox";

type TBatchReport = Awaited<ReturnType<typeof stepCases>>;

/** What a batch 签收 or 催办 did: how many were done, and each case that was not, with why. */
function BatchReport({ report }: { report: TBatchReport }) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  const skipped = report.results.filter((r) => !r.done);
  return (
    <Alert color={skipped.length > 0 ? "yellow" : "green"} mb="md" data-testid="batch-report">
      <Text fw={600}>{t(`work.batch.done.${report.step}`, { count: report.done })}</Text>
      {skipped.length > 0 && (
        <>
          <Text size="sm">{t("work.batch.skipped", { count: skipped.length })}</Text>
          <List size="sm">
            {skipped.map((r) => (
              <List.Item key={r.caseId}>
                {r.title ?? t("work.batch.hidden")}：{r.reason ? tr(r.reason) : ""}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

export function loader(args: Route.LoaderArgs) {
  const query = Object.fromEntries(new URL(args.request.url).searchParams);
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listCases(tx, ctx, query)),
    stations: (await listStations(tx, ctx, { pageSize: 200 })).rows.map((s) => ({ value: s.id, label: s.name })),
    categories: CASE_CATEGORIES,
    units: can(ctx.actor, "tenant.cases.assign")
      ? (await listHandlingUnits(tx, ctx, { pageSize: 200 })).rows.map((u) => ({ value: u.id, label: u.name }))
      : null,
    canMerge: can(ctx.actor, "tenant.cases.merge"),
    canStep: can(ctx.actor, "tenant.cases.act"),
    canRegister: can(ctx.actor, "tenant.cases.start"),
  }));
}

/**
 * The bulk tools' forms: 交办 to a handling unit, 整合 into a deputy suggestion (all or none), and
 * batch 签收 and 催办 (each case on its own, with a result per case).
 */
export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    assign: (tx, ctx, form) => assignCases(tx, ctx, form),
    merge: (tx, ctx, form) => mergeIntoSuggestion(tx, ctx, form),
    accept: async (tx, ctx, form) => ({ report: await stepCases(tx, ctx, { ...form, step: "accept" }) }),
    urge: async (tx, ctx, form) => ({ report: await stepCases(tx, ctx, { ...form, step: "urge" }) }),
  });
}

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { cases, total, query, categories, units, canMerge, canRegister, canStep, states, stations } = loaderData;
  const selectable = units !== null || canMerge || canStep;
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<BulkIntent | null>(null);
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const close = useCallback(() => {
    setBulk(null);
    setSelected([]);
  }, []);
  useCloseOnSuccess(fetcher, close);
  const report = (fetcher.data as { report?: TBatchReport } | undefined)?.report;
  const refused = (id: string) =>
    errors.field(`caseIds.${id}`) !== undefined || report?.results.some((r) => r.caseId === id && !r.done) === true;
  const batch = (step: TBatchReport["step"]) => {
    const form = new FormData();
    form.set("intent", step);
    for (const id of selected) form.append("caseIds[]", id);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <>
      <PageHeader
        title={t("work.title")}
        intro={t("work.intro")}
        actions={
          !canRegister ? (
            <ExportButton to="/work/export" testId="cases-export" />
          ) : (
            <Group gap="xs">
              <ExportButton to="/work/export" testId="cases-export" />
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
        {/* Typing a search or a date submits the form: the view and the pickers' values go with it. */}
        <input type="hidden" name="view" value={query.view} />
        {/* The pickers set the URL themselves (their own inputs are not named, so picking never submits
            the form with a stale value); the form carries the URL's values along. */}
        {(["sort", "state", "stationId", "deadline", "category"] as const).map(
          (name) => params.get(name) && <input key={name} type="hidden" name={name} value={params.get(name) ?? ""} />,
        )}
        <Group mb="md" align="flex-end">
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
          <TextInput
            name="from"
            type="date"
            aria-label={t("work.receivedFrom")}
            label={t("work.receivedFrom")}
            defaultValue={query.from ?? ""}
            w={150}
          />
          <TextInput
            name="to"
            type="date"
            aria-label={t("work.receivedTo")}
            label={t("work.receivedTo")}
            defaultValue={query.to ?? ""}
            w={150}
          />
          <ListTotal total={total} />
          {units && selected.length > 0 && (
            <Button onClick={() => setBulk("assign")} data-testid="bulk-assign">
              {t("work.bulk.assign", { count: selected.length })}
            </Button>
          )}
          {canStep && selected.length > 0 && (
            <>
              <Button variant="light" onClick={() => batch("accept")} data-testid="batch-accept">
                {t("work.batch.accept", { count: selected.length })}
              </Button>
              <Button variant="light" onClick={() => batch("urge")} data-testid="batch-urge">
                {t("work.batch.urge", { count: selected.length })}
              </Button>
            </>
          )}
          {canMerge && selected.length > 1 && (
            <Button variant="light" onClick={() => setBulk("merge")} data-testid="bulk-merge">
              {t("work.merge.action", { count: selected.length })}
            </Button>
          )}
        </Group>
      </Form>
      {report && <BatchReport report={report} />}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <CaseTable
            cases={cases}
            sort={{ current: query.sort, onChange: setFilter("sort") }}
            selection={selectable ? { selected, onChange: setSelected, refused } : undefined}
          />
        </Table.ScrollContainer>
        {cases.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("work.empty")}
          </Text>
        )}
      </Paper>
      <ListPagination total={total} page={query.page} pageSize={query.pageSize} />
      <BulkCaseModal
        intent={bulk}
        selected={selected}
        units={units}
        fetcher={fetcher}
        errors={errors}
        onClose={() => setBulk(null)}
      />
    </>
  );
}
