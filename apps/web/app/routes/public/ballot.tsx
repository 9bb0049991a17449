import { parseBallotCode } from "@rdlink/core/voting/ballot-code";
import { castBallot, findBallot, hasVoted } from "@rdlink/core/voting/cast-ballot";
import { ballotCandidates } from "@rdlink/core/voting/street-of";
import { data, Form, redirect, useNavigation } from "react-router";
import { PublicField } from "~/components/public-fields";
import { PublicFrame } from "~/components/public-frame";
import { failureResponse, readForm } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { useFormErrors } from "~/lib/form-errors";
import { publicTransaction } from "~/lib/intake.server";
import { refusalOf } from "~/lib/refusal.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/ballot";

export function meta() {
  return [{ name: "robots", content: "noindex" }];
}

/**
 * 选票: a voter representative's ballot on their phone, opened by the personal code handed out
 * at the meeting (decision 0025). No sign-in: the code is the credential, good for one ballot.
 */
export async function loader({ params, request }: Route.LoaderArgs) {
  const asked = new URL(request.url).searchParams.get("code") || params.code;
  if (!asked) return { ballot: null, notFound: false };
  const parsed = parseBallotCode(asked);
  if (parsed && parsed.code !== params.code) throw redirect(`/v/${parsed.code}`);
  const ballot = parsed
    ? await publicTransaction(async (tx) => {
        const { tenantTx, meeting, representativeId } = await findBallot(tx, parsed.code);
        const candidates = await ballotCandidates(tenantTx, meeting.id);
        return {
          code: parsed.code,
          meetingName: meeting.name,
          open: meeting.status === "open",
          voted: await hasVoted(tenantTx, meeting.id, representativeId),
          candidates: candidates.map((c) => ({
            id: c.id,
            title: c.title,
            description: c.description,
            costYuan: c.costYuan,
          })),
        };
      }).catch((error: unknown) => {
        if (refusalOf(error)?.kind === "notFound") return null;
        throw error;
      })
    : null;
  if (!ballot) return data({ ballot: null, notFound: true }, { status: 404 });
  return { ballot, notFound: false };
}

/** The ballot as the phone sends it (`c.<candidate id>` = for / against / blank); the scripted test posts the same. */
export async function action({ request, params }: Route.ActionArgs) {
  try {
    const form = await readForm(request);
    const { receipt } = await publicTransaction((tx) => castBallot(tx, params.code, form, appClock));
    return { ok: true as const, receipt };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function Ballot({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const { ballot } = loaderData;
  if (!ballot) {
    return (
      <PublicFrame title={t("voting.ballot.title")}>
        <Form method="get" action="/v" className="pub-stack">
          {loaderData.notFound && (
            <p className="pub-alert" role="alert">
              {t("voting.ballot.notFound")}
            </p>
          )}
          <PublicField label={t("voting.ballot.codeLabel")} help={t("voting.ballot.codeHelp")} required>
            {(control) => (
              <input {...control} name="code" required maxLength={40} autoComplete="off" autoCapitalize="characters" />
            )}
          </PublicField>
          <button type="submit" className="pub-button">
            {t("voting.ballot.open")}
          </button>
        </Form>
      </PublicFrame>
    );
  }
  const done = actionData && "receipt" in actionData ? actionData.receipt : null;
  if (done) {
    return (
      <PublicFrame title={t("voting.ballot.title")} subtitle={ballot.meetingName}>
        <div className="pub-stack" data-testid="ballot-done">
          <p className="pub-alert pub-alert-done" role="status">
            {t("voting.ballot.thanks")}
          </p>
          <p className="pub-label">{t("voting.ballot.receipt")}</p>
          <p className="pub-code" data-testid="ballot-receipt">
            {done}
          </p>
          <p className="pub-help">{t("voting.ballot.receiptHint")}</p>
        </div>
      </PublicFrame>
    );
  }
  if (ballot.voted || !ballot.open) {
    return (
      <PublicFrame title={t("voting.ballot.title")} subtitle={ballot.meetingName}>
        <p className="pub-alert" data-testid="ballot-closed">
          {ballot.voted ? t("voting.ballot.voted") : t("voting.ballot.notOpen")}
        </p>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title={t("voting.ballot.title")} subtitle={ballot.meetingName}>
      <Form method="post" className="pub-stack" data-testid="ballot-form">
        <p className="pub-p pub-small">{t("voting.ballot.intro")}</p>
        {errors.form && (
          <p className="pub-alert" role="alert" data-testid="ballot-error">
            {errors.form}
          </p>
        )}
        {ballot.candidates.map((c, index) => (
          <fieldset key={c.id} className="pub-field" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="pub-label">
              {index + 1}. {c.title}
            </legend>
            <p className="pub-help">
              {c.description} · {t("voting.ballot.cost", { cost: (c.costYuan / 10_000).toLocaleString("zh-CN") })}
            </p>
            <div className="pub-row" style={{ gap: 16 }}>
              {(["for", "against", ""] as const).map((mark) => (
                <label key={mark || "abstain"} className="pub-check">
                  <input type="radio" name={`c.${c.id}`} value={mark} defaultChecked={mark === ""} />
                  {t(`voting.ballot.${mark || "abstain"}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" className="pub-button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("voting.ballot.submitting") : t("voting.ballot.submit")}
        </button>
      </Form>
    </PublicFrame>
  );
}
