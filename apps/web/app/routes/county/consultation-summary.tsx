// Outside the signed-in layout: the staff pages' Mantine styles come with the sheet itself.
import "~/lib/staff-styles";
import { Button, Group } from "@mantine/core";
import { consultationSummary } from "@rdlink/core/consultations/consultation-summary";
import { Link } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { MantineFrame } from "~/components/mantine-frame";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/consultation-summary";
import "./consultation-summary.css";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    (tx, ctx) => consultationSummary(tx, ctx.actor, args.params.consultationId, ctx.clock.now()),
    "tenant.consultations.manage",
  );
}

/** 意见汇总表 on paper: article, original text, comment, people, the point's opinion, the fate. */
function SummarySheet({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { consultation, rows } = loaderData;
  return (
    <main className="summary-sheet" data-testid="summary-sheet">
      <DocumentTitle title={`${t("consultationDesk.sheetTitle")}：${consultation.title}`} />
      <Group className="no-print" justify="space-between" mb="md">
        <Button component={Link} to={`/county/consultations/${consultation.id}`} variant="subtle">
          {t("consultationDesk.back")}
        </Button>
        <Button onClick={() => window.print()}>{t("consultationDesk.print")}</Button>
      </Group>
      <h1>
        {consultation.title}
        {t("consultationDesk.sheetTitle")}
      </h1>
      <p className="meta">
        {t("consultationDesk.sheetMeta", {
          station: consultation.stationName,
          body: consultation.issuingBody,
          date: consultation.closesOn,
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t("consultationDesk.sheetHeading")}</th>
            <th>{t("consultationDesk.sheetOriginal")}</th>
            <th>{t("consultationDesk.sheetComment")}</th>
            <th>{t("consultationDesk.sheetCount")}</th>
            <th>{t("consultationDesk.sheetOpinion")}</th>
            <th>{t("consultationDesk.sheetFate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6}>{t("consultationDesk.noComments")}</td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={index}>
                <td className="heading">{row.heading}</td>
                <td>{row.original}</td>
                <td>{row.comment}</td>
                <td className="count">{row.people}</td>
                <td>{row.opinion}</td>
                <td className="fate">{row.fate}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </main>
  );
}

export default function ConsultationSummaryPrint(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <SummarySheet {...props} />
    </MantineFrame>
  );
}
