import { getPublicConsultation } from "@rdlink/core/consultations/get-public-consultation";
import { issueChallenge, MIN_FILL_MS } from "@rdlink/core/intake/proof-of-work";
import { useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { PublicCheckbox, PublicField } from "~/components/public-fields";
import { PublicFrame } from "~/components/public-frame";
import { failureResponse, loadOr404 } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { receiveComment } from "~/lib/consultation-comment.server";
import { clientIpContext } from "~/lib/context";
import { useFormErrors } from "~/lib/form-errors";
import { intakeSecret, publicTransaction } from "~/lib/intake.server";
import { useSolvedChallenge } from "~/lib/use-solved-challenge";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/consultation";

export function meta() {
  return [{ name: "robots", content: "noindex" }];
}

export async function loader({ params, request }: Route.LoaderArgs) {
  const draft = await loadOr404(() =>
    publicTransaction((tx) => getPublicConsultation(tx, params.code, appClock.now())),
  );
  const asked = new URL(request.url).searchParams.get("article");
  return {
    draft,
    article: asked && draft.articles.some((a) => a.id === asked) ? asked : "",
    challenge: await issueChallenge(intakeSecret(), appClock.now()),
    // One per form shown: a double tap sends it twice and makes one comment.
    intakeKey: crypto.randomUUID(),
    minFillMs: MIN_FILL_MS,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    return {
      ok: true as const,
      trackingCode: await receiveComment(request, params.code, context.get(clientIpContext)),
    };
  } catch (error) {
    return failureResponse(error);
  }
}

/** The tracking code once the comment is in, and the way to its page. */
function Done({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <div className="pub-stack" data-testid="comment-done">
      <div className="pub-alert pub-alert-done">
        <strong className="pub-alert-title">{t("comment.doneTitle")}</strong>
        {t("comment.doneBody")}
      </div>
      <div className="pub-code-box">
        <p className="pub-p pub-small">{t("comment.trackingCode")}</p>
        <h2 className="pub-code" data-testid="tracking-code">
          {code}
        </h2>
      </div>
      <Link to={`/c/t/${code}`} className="pub-button">
        {t("comment.trackNow")}
      </Link>
      <a href="?" className="pub-button pub-button-subtle">
        {t("comment.another")}
      </a>
    </div>
  );
}

/**
 * 法规草案征求意见 on a phone: the draft article by article, each with a way to comment on it,
 * and one form (an article or the whole draft; anonymous, or a name and number with consent).
 */
export default function ConsultationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { draft, challenge, intakeKey, minFillMs } = loaderData;
  const altcha = useSolvedChallenge(challenge, minFillMs);
  const [article, setArticle] = useState(loaderData.article);
  const navigation = useNavigation();
  const errors = useFormErrors(actionData);
  const subtitle = `${t("comment.issuedBy", { body: draft.issuingBody })} · ${draft.stationName}`;
  if (actionData && "trackingCode" in actionData) {
    return (
      <PublicFrame title={draft.title} subtitle={subtitle}>
        <Done code={actionData.trackingCode} />
      </PublicFrame>
    );
  }
  let chapter: string | null = null;
  return (
    <PublicFrame title={draft.title} subtitle={subtitle}>
      <div className="pub-stack-tight pub-small" style={{ marginBottom: 16 }}>
        <p className="pub-p" data-testid="closes-on">
          {draft.closed ? t("comment.closed") : t("comment.closesOn", { date: draft.closesOn })}
        </p>
        <p className="pub-p pub-dimmed">{t("comment.howItWorks")}</p>
      </div>
      <ol className="pub-stack" style={{ listStyle: "none", padding: 0, margin: "0 0 24px" }} data-testid="articles">
        {draft.articles.map((a) => {
          const newChapter = a.chapter && a.chapter !== chapter ? a.chapter : null;
          chapter = a.chapter;
          return (
            <li key={a.id} className="pub-stack-tight" data-testid="draft-article">
              {newChapter && <h2 className="pub-label">{newChapter}</h2>}
              <p className="pub-p">
                <strong>{a.heading}</strong>　{a.body}
              </p>
              {!draft.closed && (
                <a
                  href={`?article=${a.id}#comment-form`}
                  className="pub-link pub-small"
                  onClick={(event) => {
                    event.preventDefault();
                    setArticle(a.id);
                    document.getElementById("comment-form")?.scrollIntoView({ behavior: "smooth" });
                  }}
                >
                  {t("comment.commentOnArticle", { heading: a.heading })}
                </a>
              )}
            </li>
          );
        })}
      </ol>
      {draft.closed ? (
        <div className="pub-alert" role="status" data-testid="consultation-closed">
          {t("consultations.errors.closed")}
        </div>
      ) : (
        <Form method="post" className="pub-stack" id="comment-form" aria-labelledby="comment-form-title">
          <h2 className="pub-title" id="comment-form-title" style={{ fontSize: 18 }}>
            {t("comment.formTitle")}
          </h2>
          {errors.form && (
            <div className="pub-alert" role="alert" data-testid="comment-error">
              {errors.form}
            </div>
          )}
          <input type="hidden" name="intakeKey" value={intakeKey} />
          <input type="hidden" name="altcha" value={altcha} />
          {/* Nobody sees this field; robots fill it in. */}
          <div className="pub-trap" aria-hidden>
            <label>
              Website
              <input type="text" name="website" tabIndex={-1} autoComplete="off" />
            </label>
          </div>
          <PublicField label={t("comment.article")} error={errors.field("articleId")}>
            {(control) => (
              <select {...control} name="articleId" value={article} onChange={(e) => setArticle(e.currentTarget.value)}>
                <option value="">{t("comment.wholeDraft")}</option>
                {draft.articles.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.heading}
                  </option>
                ))}
              </select>
            )}
          </PublicField>
          <PublicField
            label={t("comment.content")}
            help={t("comment.contentHint")}
            required
            error={errors.field("content")}
          >
            {(control) => <textarea {...control} name="content" required rows={5} maxLength={2000} />}
          </PublicField>
          <p className="pub-p pub-tiny pub-dimmed">{t("comment.anonymousHint")}</p>
          <PublicField label={t("comment.name")} error={errors.field("submitterName")}>
            {(control) => <input {...control} name="submitterName" maxLength={30} />}
          </PublicField>
          <PublicField label={t("comment.phone")} error={errors.field("submitterPhone")}>
            {(control) => <input {...control} name="submitterPhone" type="tel" inputMode="tel" autoComplete="tel" />}
          </PublicField>
          <PublicCheckbox name="consent" label={t("comment.consent")} error={errors.field("consent")} />
          <button type="submit" className="pub-button" disabled={!altcha || navigation.state === "submitting"}>
            {altcha ? t("comment.submit") : t("comment.preparing")}
          </button>
        </Form>
      )}
    </PublicFrame>
  );
}
