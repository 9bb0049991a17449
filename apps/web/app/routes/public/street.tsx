import { getStreetPage } from "@rdlink/core/voting/get-street-page";
import { proposeCandidate } from "@rdlink/core/voting/propose-candidate";
import { Form, useNavigation } from "react-router";
import { PublicField } from "~/components/public-fields";
import { PublicFrame } from "~/components/public-frame";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { useFormErrors } from "~/lib/form-errors";
import { publicTransaction } from "~/lib/intake.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/street";

/**
 * 街道民生实事: the street's public page — each published vote's results, the chosen projects'
 * progress, a voter's receipt checked against the counted ballots, and a citizen's proposal.
 */
export async function loader({ params, request }: Route.LoaderArgs) {
  const receipt = new URL(request.url).searchParams.get("receipt")?.slice(0, 40) ?? null;
  const page = await loadOr404(() =>
    publicTransaction((tx) => getStreetPage(tx, params.county, params.townshipId, receipt)),
  );
  return { ...page, receipt };
}

export async function action({ params, request }: Route.ActionArgs) {
  try {
    const form = await readForm(request);
    await publicTransaction((tx) => proposeCandidate(tx, params.county, params.townshipId, form, appClock));
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

const wan = (yuan: number) => (yuan / 10_000).toLocaleString("zh-CN");

export default function Street({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const { street, meetings, checked } = loaderData;
  return (
    <PublicFrame title={t("voting.street.title", { street: street.name })} subtitle={loaderData.countyName}>
      <div className="pub-stack">
        <p className="pub-p pub-small">{t("voting.street.intro")}</p>
        {meetings.length === 0 && <p className="pub-p">{t("voting.street.none")}</p>}
        {meetings.map((m) => (
          <section key={m.id} className="pub-stack-tight" data-testid="street-meeting">
            <h2 className="pub-label">
              {m.name} · {m.heldOn}
            </h2>
            <ol className="pub-stack-tight" style={{ paddingInlineStart: 20, margin: 0 }}>
              {m.candidates.map((c) => (
                <li key={c.id} data-testid="street-result">
                  <strong>{c.title}</strong>{" "}
                  <span className="pub-small">
                    {c.status === "chosen" ? t("voting.street.chosen") : t("voting.street.notChosen")} ·{" "}
                    {t("voting.street.votes", { for: c.votesFor ?? 0, against: c.votesAgainst ?? 0 })} ·{" "}
                    {wan(c.costYuan)}
                    万元
                  </span>
                  {c.progress.length > 0 && (
                    <ul className="pub-small" style={{ paddingInlineStart: 16 }}>
                      {c.progress.map((p) => (
                        <li key={`${p.reportedOn}-${p.milestone}`}>
                          {p.reportedOn} {p.milestone} {p.percent}% {p.note}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
        <Form method="get" className="pub-stack-tight">
          <h2 className="pub-label">{t("voting.street.checkTitle")}</h2>
          {checked === "unknown" && (
            <p className="pub-alert" role="alert">
              {t("voting.street.unknownReceipt")}
            </p>
          )}
          {checked && checked !== "unknown" && (
            <p className="pub-alert pub-alert-done" role="status" data-testid="receipt-checked">
              {t("voting.street.checked", {
                meeting: checked.meetingName,
                approved: checked.approved.join("、") || t("voting.street.checkedNone"),
                rejected: checked.rejected.join("、") || t("voting.street.checkedNone"),
              })}
            </p>
          )}
          <PublicField label={t("voting.street.checkLabel")}>
            {(control) => (
              <input
                {...control}
                name="receipt"
                maxLength={40}
                autoComplete="off"
                defaultValue={loaderData.receipt ?? ""}
              />
            )}
          </PublicField>
          <button type="submit" className="pub-button pub-button-light">
            {t("voting.street.check")}
          </button>
        </Form>
        <Form method="post" className="pub-stack-tight">
          <h2 className="pub-label">{t("voting.street.proposeTitle")}</h2>
          <p className="pub-help">{t("voting.street.proposeIntro")}</p>
          {actionData && "ok" in actionData && actionData.ok && (
            <p className="pub-alert pub-alert-done" role="status">
              {t("voting.street.proposed")}
            </p>
          )}
          {errors.form && (
            <p className="pub-alert" role="alert">
              {errors.form}
            </p>
          )}
          <PublicField label={t("voting.street.proposeName")} required error={errors.field("title")}>
            {(control) => <input {...control} name="title" required maxLength={60} />}
          </PublicField>
          <PublicField label={t("voting.street.proposeDescription")} required error={errors.field("description")}>
            {(control) => <textarea {...control} name="description" required rows={4} maxLength={2000} />}
          </PublicField>
          <PublicField label={t("voting.street.proposeCost")} required error={errors.field("costWan")}>
            {(control) => <input {...control} name="costWan" required inputMode="decimal" maxLength={10} />}
          </PublicField>
          <PublicField label={t("voting.street.proposer")} required error={errors.field("proposerName")}>
            {(control) => <input {...control} name="proposerName" required maxLength={40} />}
          </PublicField>
          <button type="submit" className="pub-button" disabled={navigation.state === "submitting"}>
            {t("voting.street.propose")}
          </button>
        </Form>
      </div>
    </PublicFrame>
  );
}
