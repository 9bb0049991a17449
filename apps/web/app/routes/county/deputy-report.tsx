// Outside the signed-in layout: the staff pages' Mantine styles come with the sheet itself.
import "~/lib/staff-styles";
import { Button, Group } from "@mantine/core";
import { getDeputyRecord } from "@rdlink/core/deputy-records/get-deputy-record";
import { RECORD_FIGURES } from "@rdlink/core/deputy-records/record-labels";
import { Link } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { MantineFrame } from "~/components/mantine-frame";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-report";
import "./session-report.css";

export function loader(args: Route.LoaderArgs) {
  const year = new URL(args.request.url).searchParams.get("year") ?? undefined;
  return countyLoader(args, async (tx, ctx) => ({
    ...(await getDeputyRecord(tx, ctx, { deputyId: args.params.deputyId, year })),
    asOf: ctx.clock.now().toISOString(),
  }));
}

/** 年度履职报告: the text a deputy reads at 述职, with the year's figures, on A4. */
function DeputyReportPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { deputy, year, record, asOf, score } = loaderData;
  const day = new Date(asOf).toLocaleDateString(i18n.language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "long",
  });
  const words = {
    ...record,
    year,
    name: deputy.name,
    level: t(`deputies.levels.${deputy.level}`),
    township: deputy.townshipName,
  };
  const title = t("deputyRecords.report.title", { name: deputy.name, year });
  return (
    <main className="session-report" data-testid="deputy-report">
      <DocumentTitle title={title} />
      <Group className="no-print" justify="space-between" mb="md">
        <Button component={Link} to={`/county/deputies/${deputy.id}/record?year=${year}`} variant="subtle">
          {t("deputyRecords.report.back")}
        </Button>
        <Button onClick={() => window.print()}>{t("deputyRecords.report.print")}</Button>
      </Group>
      <h1>{title}</h1>
      <p className="as-of">{t("deputyRecords.report.printedOn", { date: day })}</p>
      <p>{t("deputyRecords.report.summary", words)}</p>
      <p>{t("deputyRecords.report.opinions", words)}</p>
      <h2>{t("deputyRecords.report.table")}</h2>
      <table className="figures">
        <thead>
          <tr>
            <th>{t("deputyRecords.report.figure")}</th>
            <th>{t("deputyRecords.report.value")}</th>
          </tr>
        </thead>
        <tbody>
          {RECORD_FIGURES.map(({ key }) => (
            <tr key={key}>
              <th>{t(`deputyRecords.figures.${key}`)}</th>
              <td className="value">{record[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {score && score.score !== null && (
        <section data-testid="report-score">
          <h2>{t("scoring.score")}</h2>
          <p>
            {t("scoring.reportScore", { year, score: score.score })}
            {score.published && score.rank !== null && ` ${t("scoring.rankOf", { rank: score.rank, count: score.of })}`}
            {!score.published && `（${t("scoring.liveNote")}）`}
          </p>
          <ol>
            {score.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </section>
      )}
      <p className="note">{t("deputyRecords.sources")}</p>
    </main>
  );
}

export default function DeputyReport(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <DeputyReportPage {...props} />
    </MantineFrame>
  );
}
