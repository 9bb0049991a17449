// Mantine's common styles, then the tracking page's own components'.
import "~/lib/mantine-base-styles";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Radio.css";
import "@mantine/core/styles/Timeline.css";
import { Alert, Badge, Button, Group, Radio, Stack, Text, Textarea, TextInput, Timeline, Title } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import { rateCase } from "@rdlink/core/cases/rate-case";
import { trackCase } from "@rdlink/core/cases/track-case";
import { parseTrackingCode } from "@rdlink/core/cases/tracking-code";
import { data, Form, redirect, useNavigation } from "react-router";
import { MantineFrame } from "~/components/mantine-frame";
import { PublicFrame } from "~/components/public-frame";
import { failureResponse, readForm } from "~/lib/actions.server";
import { appClock } from "~/lib/clock.server";
import { useFormErrors } from "~/lib/form-errors";
import { publicTransaction } from "~/lib/intake.server";
import { useLocalized } from "~/lib/localized";
import { refusalOf } from "~/lib/refusal.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/track";

export function meta() {
  return [{ name: "robots", content: "noindex" }];
}

/**
 * The tracking page. A code is taken however it was typed (any case, with or without its
 * hyphen, spaces around it) and the page moves to its canonical address; a code that is not
 * one, or that no case has, is answered here, on the public page, with a 404 status.
 */
export async function loader({ params, request }: Route.LoaderArgs) {
  // The search box sends ?code=…; an address may be typed by hand.
  const asked = new URL(request.url).searchParams.get("code") || params.code;
  if (!asked) return { tracked: null, notFound: false, asked: "" };
  const parsed = parseTrackingCode(asked);
  if (parsed && parsed.code !== params.code) throw redirect(`/t/${parsed.code}`);
  const tracked = parsed
    ? await publicTransaction((tx) => trackCase(tx, parsed.code)).catch((error: unknown) => {
        if (refusalOf(error)?.kind === "notFound") return null;
        throw error;
      })
    : null;
  if (!tracked) return data({ tracked: null, notFound: true, asked: asked.slice(0, 64) }, { status: 404 });
  return { tracked, notFound: false, asked: tracked.trackingCode, ratingKey: crypto.randomUUID() };
}

export async function action({ request, params }: Route.ActionArgs) {
  try {
    const { expectedSeq, idempotencyKey, ...data } = await readForm(request);
    await publicTransaction((tx) => rateCase(tx, params.code, { expectedSeq, idempotencyKey, data }, appClock.now()));
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

const dateTime = (value: string | Date, language: string) =>
  new Date(value).toLocaleString(language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  });

function TrackPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const { tracked } = loaderData;

  if (!tracked) {
    return (
      <PublicFrame title={t("track.title")}>
        <Form method="get" action="/t">
          <Stack>
            {loaderData.notFound && (
              <Alert color="red" data-testid="track-not-found">
                {t("track.notFound")}
              </Alert>
            )}
            <TextInput
              name="code"
              label={t("track.codeLabel")}
              description={t("track.codeHelp")}
              placeholder="450107-XXXXXXXX"
              defaultValue={loaderData.asked}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              required
            />
            <Button type="submit">{t("track.search")}</Button>
          </Stack>
        </Form>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t("track.title")} subtitle={tracked.trackingCode}>
      <Stack>
        <Group gap="xs">
          <Text size="sm">{t("track.stage")}</Text>
          <Badge size="lg" color={tracked.closed ? "gray" : "teal"} data-testid="track-stage">
            {localized(tracked.stateLabel)}
          </Badge>
        </Group>
        {/* What the citizen wrote is shown as text, never as markup. */}
        <Text fw={500} data-testid="track-title">
          {tracked.title}
        </Text>
        <Text size="sm" c="dimmed">
          {[
            tracked.stationName,
            tracked.category && t(`cases.categories.${tracked.category as TCaseCategory}`),
            tracked.handlingUnitName,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        {tracked.answers.length > 0 && (
          <Stack gap="xs" data-testid="track-answers">
            <Title order={5}>{t("track.answers")}</Title>
            {tracked.answers.map((answer) => (
              <Alert key={`${answer.at}`} color="blue" title={dateTime(answer.at, i18n.language)}>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {answer.text}
                </Text>
              </Alert>
            ))}
          </Stack>
        )}
        {actionData && "ok" in actionData && actionData.ok && <Alert color="teal">{t("track.thanks")}</Alert>}
        {tracked.ratingForm && (
          <Form method="post" data-testid="rating-form">
            <Stack>
              <Title order={5}>{t("track.rateTitle")}</Title>
              {errors.form && <Alert color="red">{errors.form}</Alert>}
              <input type="hidden" name="expectedSeq" value={tracked.seq} />
              <input type="hidden" name="idempotencyKey" value={loaderData.ratingKey} />
              {tracked.ratingForm.map((field) =>
                field.type === "select" ? (
                  <Radio.Group
                    key={field.key}
                    name={field.key}
                    label={localized(field.label)}
                    required={field.required}
                    error={errors.field(field.key)}
                  >
                    <Group mt="xs">
                      {field.options.map((option) => (
                        <Radio key={option.value} value={option.value} label={localized(option.label)} />
                      ))}
                    </Group>
                  </Radio.Group>
                ) : (
                  <Textarea
                    key={field.key}
                    name={field.key}
                    label={localized(field.label)}
                    required={field.required}
                    maxLength={500}
                    error={errors.field(field.key)}
                  />
                ),
              )}
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("track.rate")}
              </Button>
            </Stack>
          </Form>
        )}
        <Title order={5}>{t("track.progress")}</Title>
        <Timeline active={tracked.milestones.length} bulletSize={14} lineWidth={2}>
          <Timeline.Item title={t("track.submitted")}>
            <Text size="xs" c="dimmed">
              {dateTime(tracked.submittedAt, i18n.language)}
            </Text>
          </Timeline.Item>
          {tracked.milestones.map((milestone) => (
            <Timeline.Item key={`${milestone.at}-${milestone.label["zh-CN"]}`} title={localized(milestone.label)}>
              <Text size="xs" c="dimmed">
                {dateTime(milestone.at, i18n.language)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </PublicFrame>
  );
}

export default function Track(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <TrackPage {...props} />
    </MantineFrame>
  );
}
