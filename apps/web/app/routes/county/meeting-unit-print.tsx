// Outside the signed-in layout: the staff pages' Mantine styles come with the sheet itself.
import "~/lib/staff-styles";
import { Button, Group } from "@mantine/core";
import { unitSheet } from "@rdlink/core/suggestions/unit-sheet";
import { Link } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { MantineFrame } from "~/components/mantine-frame";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/meeting-unit-print";
import "./meeting-unit-print.css";

/** The unit's 交办单 (the 交办会's own permission: another county's, or a unit given nothing, is a 404). */
export function loader(args: Route.LoaderArgs) {
  const { sessionId, meetingId, unitId } = args.params;
  return countyLoader(args, (tx, ctx) => unitSheet(tx, ctx, sessionId, meetingId, unitId), "tenant.sessions.manage");
}

type Row = Route.ComponentProps["loaderData"]["lead"][number];

function Rows({ rows, withLead }: { rows: Row[]; withLead: boolean }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th>{t("meetings.sheet.number")}</th>
          <th>{t("meetings.sheet.suggestionTitle")}</th>
          <th>{t("meetings.sheet.leadDeputy")}</th>
          {withLead && <th>{t("meetings.sheet.leadUnit")}</th>}
          <th>{t("meetings.sheet.dueOn")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={withLead ? 5 : 4}>{t("meetings.sheet.none")}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.caseId}>
              <td className="number">{row.number}</td>
              <td>{row.title}</td>
              <td>{row.leadDeputyName}</td>
              {withLead && <td>{row.leadUnitName}</td>}
              <td className="due">{row.dueOn}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/**
 * 交办单: what the 交办会 gave one unit, on an A4 sheet the unit signs for: the county's congress,
 * the meeting and its day, the suggestions it leads and co-handles with their 办理期限 (three
 * calendar months from 交办), and lines for who received it and when.
 */
function UnitSheetPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { county, session, meeting, unit, assignedOn, lead, co } = loaderData;
  return (
    <main className="assign-sheet" data-testid="unit-sheet">
      <DocumentTitle title={`${t("meetings.sheet.title")}：${unit.name}`} />
      <Group className="no-print" justify="space-between" mb="md">
        <Button component={Link} to={`/county/sessions/${session.id}/meetings/${meeting.id}`} variant="subtle">
          {t("meetings.sheet.back")}
        </Button>
        <Button onClick={() => window.print()}>{t("meetings.sheet.printAction")}</Button>
      </Group>
      <p className="county">{t("meetings.sheet.county", { county })}</p>
      <h1>{t("meetings.sheet.title")}</h1>
      <table className="facts">
        <tbody>
          <tr>
            <th>{t("meetings.sheet.to")}</th>
            <td colSpan={3} data-testid="sheet-unit">
              {unit.name}
            </td>
          </tr>
          <tr>
            <th>{t("meetings.sheet.meeting")}</th>
            <td colSpan={3}>{meeting.name}</td>
          </tr>
          <tr>
            <th>{t("meetings.sheet.heldOn")}</th>
            <td>{meeting.heldOn}</td>
            <th>{t("meetings.sheet.assignedOn")}</th>
            <td>{assignedOn ?? "—"}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t("meetings.sheet.leadTitle", { count: lead.length })}</h2>
      <div data-testid="sheet-lead">
        <Rows rows={lead} withLead={false} />
      </div>
      <h2>{t("meetings.sheet.coTitle", { count: co.length })}</h2>
      <div data-testid="sheet-co">
        <Rows rows={co} withLead />
      </div>
      <p className="note">{t("meetings.sheet.note")}</p>
      <div className="signatures">
        <p>
          {t("meetings.sheet.signer")}：<span />
        </p>
        <p>
          {t("meetings.sheet.signedOn")}：<span />
        </p>
      </div>
    </main>
  );
}

export default function UnitSheetPrint(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <UnitSheetPage {...props} />
    </MantineFrame>
  );
}
