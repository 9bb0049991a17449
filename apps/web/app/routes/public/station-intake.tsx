import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { MAX_OPINION_PHOTOS } from "@rdlink/core/cases/opinion-input";
import { findIntakeStation } from "@rdlink/core/intake/find-intake-station";
import { precheckOpinion } from "@rdlink/core/intake/precheck-opinion";
import { issueChallenge, MIN_FILL_MS } from "@rdlink/core/intake/proof-of-work";
import { useRef, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { PublicField, PublicOpinionFields } from "~/components/public-fields";
import { PublicFrame } from "~/components/public-frame";
import { TrackingCodeCard } from "~/components/tracking-code-card";
import { type FormFailure, failureResponse, loadOr404 } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { clientIpContext } from "~/lib/context";
import { useFormErrors } from "~/lib/form-errors";
import { IMAGE_ACCEPT } from "~/lib/image-accept";
import { intakeSecret, publicTransaction } from "~/lib/intake.server";
import { receiveIntake } from "~/lib/intake-action.server";
import { compressPhoto, formatBytes, sendWithProgress } from "~/lib/intake-upload";
import { useSolvedChallenge } from "~/lib/use-solved-challenge";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-intake";

export function meta() {
  return [{ name: "robots", content: "noindex" }];
}

export async function loader({ params }: Route.LoaderArgs) {
  const { station } = await loadOr404(() => publicTransaction((tx) => findIntakeStation(tx, params.code)));
  return {
    station: {
      name: station.stationName,
      countyName: station.countyName,
      townshipName: station.townshipName,
      address: station.address,
      receptionSchedule: station.receptionSchedule,
      intakeFields: station.intakeFields,
    },
    challenge: await issueChallenge(intakeSecret(), appClock.now()),
    // One per form shown: a double tap sends it twice and makes one case.
    intakeKey: crypto.randomUUID(),
    categories: CASE_CATEGORIES,
    maxPhotos: MAX_OPINION_PHOTOS,
    minFillMs: MIN_FILL_MS,
  };
}

/** The form posted without a script (the page's script sends it to /s/:code/send instead). */
export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    return { ok: true as const, trackingCode: await receiveIntake(request, params.code, context.get(clientIpContext)) };
  } catch (error) {
    return failureResponse(error);
  }
}

type PhotoState =
  | { status: "none" }
  | { status: "compressing"; count: number }
  | { status: "ready"; count: number; bytes: number }
  | { status: "refused"; message: string };

/**
 * The chosen photos, compressed in the background as soon as they are chosen (so the upload
 * can start when the citizen taps 提交); `compressed()` waits for the work in progress.
 */
function usePhotos(maxPhotos: number) {
  const { t } = useTranslation();
  const [state, setState] = useState<PhotoState>({ status: "none" });
  const pending = useRef<Promise<File[]>>(Promise.resolve([]));
  function choose(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (files.length > maxPhotos) {
      pending.current = Promise.resolve([]);
      setState({ status: "refused", message: t("validation.tooManyPhotos") });
      return;
    }
    if (files.length === 0) {
      pending.current = Promise.resolve([]);
      setState({ status: "none" });
      return;
    }
    setState({ status: "compressing", count: files.length });
    const job = Promise.all(
      files.map((file) =>
        compressPhoto(file).catch(() => {
          throw new Error(file.name);
        }),
      ),
    );
    pending.current = job;
    job.then(
      (done) => {
        if (pending.current !== job) return;
        setState({ status: "ready", count: done.length, bytes: done.reduce((sum, file) => sum + file.size, 0) });
      },
      (error: Error) => {
        if (pending.current !== job) return;
        setState({ status: "refused", message: t("intake.photoUnreadable", { name: error.message }) });
      },
    );
  }
  return { state, choose, compressed: () => pending.current };
}

/** Sending as the page shows it: compressing the photos, then the share of the form uploaded. */
type Sending = { stage: "compressing" } | { stage: "uploading"; sent: number };

export default function StationIntake({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { station, challenge, intakeKey, categories, maxPhotos, minFillMs } = loaderData;
  const navigation = useNavigation();
  const altcha = useSolvedChallenge(challenge, minFillMs);
  const photos = usePhotos(maxPhotos);
  const [sending, setSending] = useState<Sending | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const errors = useFormErrors(failure ?? actionData);

  const trackingCode = sent ?? (actionData && "trackingCode" in actionData ? actionData.trackingCode : null);
  if (trackingCode) {
    return (
      <PublicFrame title={station.name}>
        <TrackingCodeCard code={trackingCode} stationName={station.name} />
      </PublicFrame>
    );
  }

  /**
   * Checks what can be checked here before anything is sent (the server checks it all again),
   * then sends the form with its compressed photos, showing the upload's progress.
   */
  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const form = event.currentTarget;
    const body = new FormData(form);
    const text = (name: string) => String(body.get(name) ?? "");
    const fieldErrors = precheckOpinion({
      category: text("category"),
      content: text("content"),
      submitterPhone: text("submitterPhone"),
      consent: body.get("consent") === "on",
    });
    if (Object.keys(fieldErrors).length > 0) {
      setFailure({ ok: false, fieldErrors, formError: "validation.checkForm" });
      return;
    }
    if (photos.state.status === "refused" || !form.reportValidity()) return;
    setFailure(null);
    body.delete("photos");
    try {
      setSending({ stage: "compressing" });
      // Last, after every text field: the server reads the proof of work before any photo.
      for (const photo of await photos.compressed()) body.append("photos", photo, photo.name);
      setSending({ stage: "uploading", sent: 0 });
      const answer = await sendWithProgress(
        `/s/${encodeURIComponent(params.code)}/send`,
        body,
        { "Idempotency-Key": intakeKey },
        (share) => setSending({ stage: "uploading", sent: share }),
      );
      const result = answer.body as { ok: true; trackingCode: string } | FormFailure | null;
      if (result?.ok === true) {
        setSent(result.trackingCode);
        return;
      }
      setFailure(
        result?.ok === false
          ? result
          : {
              ok: false,
              fieldErrors: {},
              formError:
                answer.status === 404 ? "errors.notFound" : answer.status < 500 ? "errors.badRequest" : "errors.server",
            },
      );
    } catch {
      setFailure({ ok: false, fieldErrors: {}, formError: "intake.uploadFailed" });
    } finally {
      setSending(null);
    }
  }

  const busy = sending !== null || navigation.state === "submitting";
  const photoHelp =
    photos.state.status === "compressing"
      ? t("intake.compressing")
      : photos.state.status === "ready"
        ? t("intake.photosChosen", { count: photos.state.count, size: formatBytes(photos.state.bytes) })
        : undefined;
  const percent = sending?.stage === "uploading" ? Math.round(sending.sent * 100) : 0;
  return (
    <PublicFrame title={station.name} subtitle={`${station.countyName} · ${station.townshipName}`}>
      <div className="pub-stack-tight pub-small" style={{ marginBottom: 16 }}>
        {station.address && <p className="pub-p">{t("intake.address", { address: station.address })}</p>}
        {station.receptionSchedule && (
          <p className="pub-p">{t("intake.reception", { schedule: station.receptionSchedule })}</p>
        )}
        <p className="pub-p pub-dimmed">{t("intake.howItWorks")}</p>
      </div>
      {/* Without a script the browser posts it here; with one, send() does, with progress. */}
      <Form method="post" encType="multipart/form-data" onSubmit={send} noValidate={false} className="pub-stack">
        {errors.form && (
          <div className="pub-alert" role="alert" data-testid="intake-error">
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
        <PublicOpinionFields categories={categories} intakeFields={station.intakeFields} errorOf={errors.field} />
        {/* Last: the browser sends a form's fields in this order, and the server reads every
            text field (its proof of work among them) before taking a photo's bytes. */}
        <PublicField
          label={t("intake.photos", { max: String(maxPhotos) })}
          help={photoHelp}
          error={photos.state.status === "refused" ? photos.state.message : errors.field("photos")}
        >
          {({ className: _, ...control }) => (
            <input
              {...control}
              type="file"
              name="photos"
              accept={IMAGE_ACCEPT}
              multiple
              onChange={(event) => photos.choose(event.currentTarget.files)}
              style={{ maxWidth: "100%" }}
            />
          )}
        </PublicField>
        {sending && (
          <div className="pub-stack-tight" data-testid="upload-progress">
            <p className="pub-p pub-small">
              {sending.stage === "compressing"
                ? t("intake.compressing")
                : t("intake.uploading", { percent: String(percent) })}
            </p>
            <div
              className="pub-progress"
              role="progressbar"
              aria-label={t("intake.submit")}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div style={{ width: `${percent}%` }} />
            </div>
          </div>
        )}
        <button type="submit" className="pub-button" disabled={!altcha || busy} aria-busy={busy || undefined}>
          {busy && <span className="pub-spinner" aria-hidden />}
          {altcha ? t("intake.submit") : t("intake.preparing")}
        </button>
        <p className="pub-p pub-tiny pub-dimmed">{t("intake.privacy")}</p>
      </Form>
      <p className="pub-p pub-tiny" style={{ marginTop: 16 }}>
        <Link to="/t" className="pub-link">
          {t("intake.trackLink")}
        </Link>
      </p>
    </PublicFrame>
  );
}
