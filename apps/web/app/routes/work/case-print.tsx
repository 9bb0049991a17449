// Outside the signed-in layout: the staff pages' Mantine styles come with the sheet itself.
import "~/lib/staff-styles";
import { Button, Group } from "@mantine/core";
import { getCase } from "@rdlink/core/cases/get-case";
import { Link } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { useLocalized } from "~/components/field-inputs";
import { useActorLabel, useHolderLabel } from "~/components/work/case-desk-panel";
import { useDeadlineWords } from "~/components/work/deadline-words";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/case-print";
import "./case-print.css";
import { MantineFrame } from "~/components/mantine-frame";

/** The same case page data (and the same scope: another county's case is a 404), for paper. */
export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getCase(tx, ctx, args.params.caseId));
}

/**
 * 办理单: the case on an A4 sheet, to file or hand over: title, code, who submitted it and
 * what, every step of its history with who took it and when, and who holds it now.
 */
function CasePrintPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const actorLabel = useActorLabel();
  const holderLabel = useHolderLabel();
  const words = useDeadlineWords();
  const { case: kase, timeline, desk } = loaderData;
  const when = (value: string | Date) =>
    new Date(value).toLocaleString(i18n.language === "en" ? "en-GB" : "zh-CN", {
      timeZone: "Asia/Shanghai",
      dateStyle: "medium",
      timeStyle: "short",
    });
  const deadline = kase.deadline !== "none" && kase.countdown ? words(kase.countdown) : null;
  return (
    <main className="case-sheet" data-testid="case-sheet">
      <DocumentTitle title={`${t("work.printView.title")}：${kase.title ?? t("work.untitled")}`} />
      <Group className="no-print" justify="space-between" mb="md">
        <Button component={Link} to={`/work/cases/${kase.id}`} variant="subtle">
          {t("work.printView.back")}
        </Button>
        <Button onClick={() => window.print()}>{t("work.printView.print")}</Button>
      </Group>
      <h1>{t("work.printView.title")}</h1>
      <table>
        <tbody>
          <tr>
            <th>{t("work.printView.subject")}</th>
            <td colSpan={3}>{kase.title ?? t("work.untitled")}</td>
          </tr>
          <tr>
            <th>{t("work.printView.code")}</th>
            <td>{kase.trackingCode ?? "—"}</td>
            <th>{t("work.printView.received")}</th>
            <td>{when(kase.createdAt)}</td>
          </tr>
          <tr>
            <th>{t("work.printView.submitter")}</th>
            <td>
              {kase.submitterName ?? t("work.actors.citizen")}
              {kase.submitterPhone ? ` · ${kase.submitterPhone}` : ""}
            </td>
            <th>{t("work.printView.channel")}</th>
            <td>{kase.channel ? t(`cases.channels.${kase.channel}`) : "—"}</td>
          </tr>
          <tr>
            <th>{t("work.printView.place")}</th>
            <td colSpan={3}>{[kase.townshipName, kase.stationName].filter(Boolean).join(" · ") || "—"}</td>
          </tr>
          <tr>
            <th>{t("work.content")}</th>
            <td colSpan={3} className="content">
              {String(kase.fields.content ?? "")}
            </td>
          </tr>
          <tr>
            <th>{t("work.printView.state")}</th>
            <td>{localized(kase.stateLabel)}</td>
            <th>{t("work.printView.holder")}</th>
            <td data-testid="sheet-holder">
              {desk.holder ? holderLabel(desk.holder) : t("work.desk.closed")}
              {desk.holder && desk.holder.people.length > 0 ? `（${desk.holder.people.join("、")}）` : ""}
            </td>
          </tr>
          {(deadline || kase.handlingUnitName) && (
            <tr>
              <th>{t("work.handlingUnit")}</th>
              <td>{kase.handlingUnitName ?? "—"}</td>
              <th>{t("work.deadline")}</th>
              <td>{deadline ? `${deadline.left} · ${deadline.by}` : "—"}</td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>{t("work.timeline")}</h2>
      <table className="timeline" data-testid="sheet-timeline">
        <thead>
          <tr>
            <th>{t("work.printView.when")}</th>
            <th>{t("work.printView.step")}</th>
            <th>{t("work.printView.by")}</th>
            <th>{t("work.printView.details")}</th>
          </tr>
        </thead>
        <tbody>
          {timeline.map((event) => (
            <tr key={event.seq}>
              <td>{when(event.at)}</td>
              <td>
                {event.label
                  ? localized(event.label)
                  : t(`work.events.${event.type}` as "work.events.CASE_STARTED", { defaultValue: event.type })}
                {event.fromState !== event.toState && ` → ${localized(event.toLabel)}`}
              </td>
              <td>
                {event.actorName ?? actorLabel(event.actorRole)}
                {event.actorTeam && `（${event.actorTeam}）`}
              </td>
              <td className="content">
                {event.values.map((v) => `${localized(v.label)}：${localized(v.value)}`).join("\n")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

export default function CasePrint(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <CasePrintPage {...props} />
    </MantineFrame>
  );
}
