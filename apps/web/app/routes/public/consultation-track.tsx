import { trackComment } from "@rdlink/core/consultations/track-comment";
import { Link } from "react-router";
import { PublicFrame } from "~/components/public-frame";
import { loadOr404 } from "~/lib/actions.server";
import { publicTransaction } from "~/lib/intake.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/consultation-track";

export function meta() {
  return [{ name: "robots", content: "noindex" }];
}

/** A commenter's comment by its tracking code: what they wrote, on which article, and its fate. */
export function loader({ params }: Route.LoaderArgs) {
  return loadOr404(() => publicTransaction((tx) => trackComment(tx, params.code)));
}

const dateTime = (value: string | Date, language: string) =>
  new Date(value).toLocaleString(language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  });

export default function ConsultationTrack({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const c = loaderData;
  return (
    <PublicFrame title={t("comment.trackTitle")} subtitle={c.title}>
      <div className="pub-stack">
        <div className="pub-code-box">
          <p className="pub-p pub-small">{t("comment.trackingCode")}</p>
          <p className="pub-code">{c.trackingCode}</p>
        </div>
        <p className="pub-p pub-small">
          {c.heading ? t("comment.onArticle", { heading: c.heading }) : t("comment.onWhole")}
          {" · "}
          {t("comment.submittedAt", { time: dateTime(c.createdAt, i18n.language) })}
        </p>
        <p className="pub-p" style={{ whiteSpace: "pre-wrap" }}>
          {c.content}
        </p>
        <div className={c.fate ? "pub-alert pub-alert-done" : "pub-code-box"} data-testid="comment-fate">
          <strong className="pub-alert-title">{t("comment.fate")}</strong>
          <span data-testid="fate-value">{c.fate ? t(`consultations.fates.${c.fate}`) : t("comment.fatePending")}</span>
          {c.fateReason && <p className="pub-p pub-small">{t("comment.reason", { reason: c.fateReason })}</p>}
        </div>
        <Link to={`/c/${c.publicCode}`} className="pub-button pub-button-subtle">
          {t("comment.backToDraft")}
        </Link>
      </div>
    </PublicFrame>
  );
}
