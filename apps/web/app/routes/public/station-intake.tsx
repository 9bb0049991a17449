import { Alert, Box, Button, Stack, Text, Title } from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { MAX_OPINION_PHOTOS } from "@rdlink/core/cases/opinion-input";
import { findIntakeStation } from "@rdlink/core/intake/find-intake-station";
import { issueChallenge, MIN_FILL_MS } from "@rdlink/core/intake/proof-of-work";
import { assertWithinIntakeLimits } from "@rdlink/core/intake/rate-limit";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { OpinionFields } from "~/components/opinion-fields";
import { PublicFrame } from "~/components/public-frame";
import { failureResponse, loadOr404 } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { clientIpContext } from "~/lib/context";
import { filesDirectory } from "~/lib/files.server";
import { useFormErrors } from "~/lib/form-errors";
import { intakeSecret, publicTransaction, readIntakeForm, submitToStation } from "~/lib/intake.server";
import { opinionInput } from "~/lib/opinion-form.server";
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

export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    // The cheap checks first, before a byte of the body is read: the station (from the
    // address), then the rate limits (the client's address); the proof of work and each
    // part's limits as the form streams in (readIntakeForm).
    const { station } = await loadOr404(() => publicTransaction((tx) => findIntakeStation(tx, params.code)));
    await publicTransaction((tx) =>
      assertWithinIntakeLimits(
        tx,
        {
          secret: intakeSecret(),
          address: context.get(clientIpContext) ?? "unknown",
          stationId: station.stationId,
        },
        appClock.now(),
      ),
    );
    const { values, files } = await readIntakeForm(request, { secret: intakeSecret(), now: appClock.now() });
    const result = await submitToStation(params.code, {
      form: opinionInput(values),
      photos: files("photos"),
      intakeKey: request.headers.get("Idempotency-Key") ?? values.intakeKey,
      secret: intakeSecret(),
      now: appClock.now(),
      filesDirectory: filesDirectory(),
    });
    return { ok: true as const, trackingCode: result.trackingCode };
  } catch (error) {
    return failureResponse(error);
  }
}

/**
 * Solves the page's proof-of-work puzzle in the background while the citizen types. The form
 * can be sent once it is solved and the shortest time a person takes has passed (the server
 * refuses anything faster as a bot), so nobody is turned away for being quick.
 */
function useSolvedChallenge(challenge: Route.ComponentProps["loaderData"]["challenge"], minFillMs: number) {
  const [payload, setPayload] = useState("");
  useEffect(() => {
    const controller = new AbortController();
    const shortestFill = new Promise((resolve) => setTimeout(resolve, minFillMs));
    Promise.all([solveChallenge({ challenge, deriveKey, controller }), shortestFill]).then(([solution]) => {
      if (solution) setPayload(btoa(JSON.stringify({ challenge, solution })));
    });
    return () => controller.abort();
  }, [challenge, minFillMs]);
  return payload;
}

export default function StationIntake({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { station, challenge, intakeKey, categories, maxPhotos, minFillMs } = loaderData;
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const altcha = useSolvedChallenge(challenge, minFillMs);

  if (actionData && "trackingCode" in actionData) {
    return (
      <PublicFrame title={station.name}>
        <Stack data-testid="intake-done">
          <Alert color="teal" title={t("intake.doneTitle")}>
            {t("intake.doneBody")}
          </Alert>
          <Text size="sm">{t("intake.trackingCode")}</Text>
          <Title order={2} ff="monospace" data-testid="tracking-code">
            {actionData.trackingCode}
          </Title>
          <Button component={Link} to={`/t/${actionData.trackingCode}`} variant="light">
            {t("intake.trackNow")}
          </Button>
        </Stack>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={station.name} subtitle={`${station.countyName} · ${station.townshipName}`}>
      <Stack gap="xs" mb="md">
        {station.address && <Text size="sm">{t("intake.address", { address: station.address })}</Text>}
        {station.receptionSchedule && (
          <Text size="sm">{t("intake.reception", { schedule: station.receptionSchedule })}</Text>
        )}
        <Text size="sm" c="dimmed">
          {t("intake.howItWorks")}
        </Text>
      </Stack>
      <Form method="post" encType="multipart/form-data">
        <Stack>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <input type="hidden" name="intakeKey" value={intakeKey} />
          <input type="hidden" name="altcha" value={altcha} />
          {/* Nobody sees this field; robots fill it in. */}
          <Box style={{ position: "absolute", left: "-10000px" }} aria-hidden>
            <label>
              Website
              <input type="text" name="website" tabIndex={-1} autoComplete="off" />
            </label>
          </Box>
          <OpinionFields
            categories={categories}
            intakeFields={station.intakeFields}
            maxPhotos={maxPhotos}
            errorOf={errors.field}
            by="citizen"
          />
          <Button type="submit" size="md" loading={navigation.state === "submitting"} disabled={!altcha}>
            {altcha ? t("intake.submit") : t("intake.preparing")}
          </Button>
          <Text size="xs" c="dimmed">
            {t("intake.privacy")}
          </Text>
        </Stack>
      </Form>
      <Text size="xs" mt="md">
        <Link to="/t">{t("intake.trackLink")}</Link>
      </Text>
    </PublicFrame>
  );
}
