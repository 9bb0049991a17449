import { Button, Group, Paper, SegmentedControl, Select, Text, TextInput, Title } from "@mantine/core";
import { getConsultationFigures } from "@rdlink/core/consultations/get-consultation-figures";
import { getCountyFigures } from "@rdlink/core/stats/get-county-figures";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { getVotingFigures } from "@rdlink/core/voting/get-voting-figures";
import { IconDownload } from "@tabler/icons-react";
import { Form } from "react-router";
import { ConsultationFigures } from "~/components/consultation-figures";
import { CaseCharts, RatingsAndLeague } from "~/components/dashboard-charts";
import { FiguresTable, ProcessFigures, StatCards } from "~/components/dashboard-figures";
import { PageHeader } from "~/components/page-header";
import { VotingFigures } from "~/components/voting-figures";
import { countyLoader } from "~/lib/county-route.server";
import { dashboardPeriods, dashboardQuery } from "~/lib/dashboard-period";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/dashboard";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  return countyLoader(args, async (tx, ctx) => {
    const { period, input } = dashboardQuery(params, ctx.clock.now());
    return {
      period,
      figures: await getCountyFigures(tx, ctx, input),
      consultations: await getConsultationFigures(tx, ctx),
      voting: await getVotingFigures(tx, ctx),
      townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
      exportQuery: new URLSearchParams(
        Object.entries({ period, from: input.from, to: input.to, township: input.townshipId ?? "" }).filter(
          ([, v]) => v !== "",
        ),
      ).toString(),
    };
  });
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const { figures, townships, period, exportQuery } = loaderData;
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        intro={t("dashboard.intro")}
        actions={
          <Button
            component="a"
            href={`/county/dashboard/export?${exportQuery}`}
            download
            variant="light"
            leftSection={<IconDownload size={16} />}
            data-testid="dashboard-export"
          >
            {t("dashboard.export")}
          </Button>
        }
      />
      <Form method="get">
        <Group mb="md" align="flex-end" gap="sm">
          <SegmentedControl
            aria-label={t("dashboard.period")}
            data={dashboardPeriods.map((p) => ({ value: p, label: t(`dashboard.periods.${p}`) }))}
            value={period}
            onChange={(value) => setFilter("period")(value === "year" ? null : value)}
          />
          {period === "custom" && (
            <>
              <input type="hidden" name="period" value="custom" />
              {params.get("township") && <input type="hidden" name="township" value={params.get("township")!} />}
              <TextInput
                name="from"
                type="date"
                label={t("dashboard.from")}
                defaultValue={figures.period.from}
                w={150}
              />
              <TextInput name="to" type="date" label={t("dashboard.to")} defaultValue={figures.period.to} w={150} />
              <Button type="submit" variant="default">
                {t("dashboard.apply")}
              </Button>
            </>
          )}
          {townships.length > 1 && (
            <Select
              aria-label={t("dashboard.township")}
              placeholder={t("dashboard.allTownships")}
              data={townships}
              value={params.get("township")}
              onChange={setFilter("township")}
              searchable
              clearable
              w={200}
            />
          )}
          <Text size="sm" c="dimmed" data-testid="dashboard-range">
            {t("dashboard.range", figures.period)}
          </Text>
        </Group>
      </Form>

      <StatCards total={figures.total} />
      {figures.processes.length > 0 && <ProcessFigures processes={figures.processes} />}
      <CaseCharts figures={figures} />
      <RatingsAndLeague figures={figures} />

      <Paper withBorder p="md" mb="md">
        <Title order={5} mb="sm">
          {t("dashboard.byTownship")}
        </Title>
        <FiguresTable
          testId="dashboard-townships"
          nameTitles={[t("dashboard.township")]}
          rows={figures.townships.map((row) => ({ key: row.townshipId, names: [row.name], figures: row }))}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t("dashboard.byStation")}
        </Title>
        <FiguresTable
          testId="dashboard-stations"
          nameTitles={[t("dashboard.station"), t("dashboard.township")]}
          rows={figures.stations.map((row) => ({
            key: row.stationId,
            names: [row.name, row.townshipName],
            figures: row,
          }))}
        />
      </Paper>
      <ConsultationFigures rows={loaderData.consultations} />
      <VotingFigures rows={loaderData.voting} />
    </>
  );
}
