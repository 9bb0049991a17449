// Outside the signed-in layout: the staff pages' Mantine styles come with the sheet itself.
import "~/lib/staff-styles";
import { Button, Group } from "@mantine/core";
import { getSessionFigures } from "@rdlink/core/suggestions/get-session-figures";
import { Link } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { MantineFrame } from "~/components/mantine-frame";
import { UnitLeague } from "~/components/session-figures";
import { countyLoader } from "~/lib/county-route.server";
import { formatRate } from "~/lib/rate";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/session-report";
import "./session-report.css";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await getSessionFigures(tx, ctx, args.params.sessionId)),
      asOf: ctx.clock.now().toISOString(),
    }),
    "tenant.sessions.manage",
  );
}

/** 会议建议办理情况: the session's figures and the units' league table on A4, to print or file. */
function SessionReportPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { session, total, units, asOf } = loaderData;
  const day = new Date(asOf).toLocaleDateString(i18n.language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "long",
  });
  const of = (part: number, whole: number) => `${part} / ${whole}`;
  const rows: [string, string, string][] = [
    [t("sessions.figures.suggestions"), String(total.suggestions), ""],
    [t("sessions.figures.assigned"), String(total.assigned), ""],
    [t("sessions.figures.answered"), String(total.answered), ""],
    [t("sessions.figures.onTimeRate"), formatRate(total.onTimeRate), of(total.answeredOnTime, total.answered)],
    [t("sessions.figures.consultedRate"), formatRate(total.consultedRate), of(total.consulted, total.answered)],
    [t("sessions.figures.satisfactionRate"), formatRate(total.satisfactionRate), of(total.satisfied, total.rated)],
    [
      t("sessions.figures.classes"),
      `${total.classA} / ${total.classB} / ${total.classC}`,
      `${formatRate(total.classAShare)} / ${formatRate(total.classBShare)} / ${formatRate(total.classCShare)}`,
    ],
    [t("sessions.figures.keySupervision"), of(total.keySupervisionClosed, total.keySupervision), ""],
    [t("sessions.figures.keptRate"), formatRate(total.keptRate), of(total.kept, total.revisited)],
  ];
  return (
    <main className="session-report" data-testid="session-report">
      <DocumentTitle title={t("sessions.figures.reportTitle", { name: session.name })} />
      <Group className="no-print" justify="space-between" mb="md">
        <Button component={Link} to={`/county/sessions/${session.id}`} variant="subtle">
          {t("sessions.figures.back")}
        </Button>
        <Button onClick={() => window.print()}>{t("sessions.figures.print")}</Button>
      </Group>
      <h1>{t("sessions.figures.reportTitle", { name: session.name })}</h1>
      <p className="as-of">{t("sessions.figures.printedOn", { date: day })}</p>
      <table className="figures">
        <thead>
          <tr>
            <th>{t("sessions.figures.measure")}</th>
            <th>{t("sessions.figures.value")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value, detail]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="value">{value}</td>
              <td className="value">{detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        {t("sessions.figures.satisfactionHint")}；{t("revisits.keptRateHint")}
      </p>
      <h2>{t("sessions.figures.league")}</h2>
      <p className="note">{t("sessions.figures.leagueHint")}</p>
      <UnitLeague units={units} printed />
    </main>
  );
}

export default function SessionReport(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <SessionReportPage {...props} />
    </MantineFrame>
  );
}
