import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { actOnCase } from "@rdlink/core/cases/act-on-case";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import { getCase } from "@rdlink/core/cases/get-case";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useFetcher } from "react-router";
import { FieldInputs, useLocalized } from "~/components/field-inputs";
import { PageHeader } from "~/components/page-header";
import { CaseActions } from "~/components/work/case-actions";
import { CaseDeskPanel, useActorLabel } from "~/components/work/case-desk-panel";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/case";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getCase(tx, ctx, args.params.caseId));
}

/** A workflow `event` on the case, against the step the page showed (`expectedSeq`); the rest is its form. */
export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { event, expectedSeq, ...data } = await county.form();
    const caseId = args.params.caseId;
    // Nothing follows the step in its transaction: its statement may carry the COMMIT (decision 0046).
    await county.inTenant((tx, ctx) => actOnCase(tx, ctx, { caseId, event, expectedSeq: Number(expectedSeq), data }), {
      endsWithLastStatement: true,
    });
    return { ok: true as const };
  });
}

export default function CasePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const { case: kase, timeline, actions, references, desk } = loaderData;
  const suggestion = kase.kind === "suggestion";
  const actorLabel = useActorLabel();
  const [open, setOpen] = useState<string | null>(null);
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const close = useCallback(() => setOpen(null), []);
  useCloseOnSuccess(fetcher, close);
  const chosen = actions.find((a) => a.event === open);
  // A confirmation once a step went through: what was done, and where the case is now.
  const sent = useRef<(typeof actions)[number] | undefined>(undefined);
  if (fetcher.state === "submitting") sent.current = chosen;
  const done = fetcher.state === "idle" && fetcher.data?.ok === true ? fetcher.data : null;
  useEffect(() => {
    const step = sent.current;
    if (!done || !step) return;
    sent.current = undefined;
    notifications.show({
      color: "teal",
      title: t("work.done", { action: localized(step.label) }),
      message: step.leadsTo.state ? t("work.doneNow", { state: localized(step.leadsTo.state) }) : undefined,
    });
  }, [done, t, localized]);
  const photos = Array.isArray(kase.fields.photos) ? (kase.fields.photos as string[]) : [];
  const when = (value: string | Date) =>
    new Date(value).toLocaleString(i18n.language === "en" ? "en-GB" : "zh-CN", {
      timeZone: "Asia/Shanghai",
      dateStyle: "medium",
      timeStyle: "short",
    });

  return (
    <>
      <PageHeader
        title={kase.title ?? t("work.untitled")}
        intro={[kase.trackingCode, kase.category && t(`cases.categories.${kase.category as TCaseCategory}`)]
          .filter(Boolean)
          .join(" · ")}
        actions={
          <Button component={Link} to={`/work/cases/${kase.id}/print`} variant="default" data-testid="case-print">
            {t("work.print")}
          </Button>
        }
      />
      <CaseDeskPanel
        stateLabel={kase.stateLabel}
        deadline={kase.deadline}
        countdown={kase.countdown}
        provisional={kase.dueAtProvisional}
        unattended={kase.unattended}
        holder={desk.holder}
        next={desk.next}
        askedDueBy={kase.askedDueBy}
        yours={actions.some((a) => desk.next.some((step) => step.event === a.event))}
      />
      <CaseActions actions={actions} onOpen={setOpen} />
      {errors.form && !open && (
        <Alert color="red" mb="md">
          {errors.form}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            {suggestion && kase.keySupervision && (
              <Badge color="red" variant="light" data-testid="case-key-suggestion">
                {t("work.keySuggestion")}
              </Badge>
            )}
            {(!suggestion || kase.stationName) && (
              <Text size="sm">
                {t("work.place", { station: kase.stationName ?? "—", township: kase.townshipName ?? "—" })}
              </Text>
            )}
            <Text size="sm">
              {t("work.channelOf", { channel: kase.channel ? t(`cases.channels.${kase.channel}`) : "—" })}
            </Text>
            {kase.handlingUnitName && <Text size="sm">{t("work.unitOf", { unit: kase.handlingUnitName })}</Text>}
            {(kase.submitterName || kase.submitterPhone) && (
              <Text size="sm">
                {t("work.submitter", {
                  name: kase.submitterName ?? t("work.submitterUnnamed"),
                  phone: kase.submitterPhone ?? "—",
                })}
              </Text>
            )}
            {kase.satisfaction && (
              <Text size="sm">
                {t(suggestion ? "work.deputyRatingOf" : "work.satisfactionOf", {
                  value: t(`cases.satisfaction.${kase.satisfaction}`),
                })}
              </Text>
            )}
            {kase.answerClass && (
              <Text size="sm" data-testid="case-answer-class">
                {t("work.answerClassOf", { value: kase.answerClass })}
              </Text>
            )}
            {kase.mergedInto && (
              <Text size="sm" data-testid="merged-into">
                {t("work.merge.into")}
                <Anchor component={Link} to={`/work/cases/${kase.mergedInto.id}`}>
                  {kase.mergedInto.title}
                </Anchor>
              </Text>
            )}
            {kase.mergedFrom.length > 0 && (
              <Stack gap={2} data-testid="merged-from">
                <Text size="sm">{t("work.merge.from")}</Text>
                {kase.mergedFrom.map((source) => (
                  <Anchor key={source.id} component={Link} to={`/work/cases/${source.id}`} size="sm">
                    {source.title} · {source.trackingCode}
                  </Anchor>
                ))}
              </Stack>
            )}
            <Title order={5} mt="sm">
              {t(suggestion ? "work.suggestionContent" : "work.content")}
            </Title>
            <Text style={{ whiteSpace: "pre-wrap" }} data-testid="case-content">
              {String(kase.fields.content ?? "")}
            </Text>
            {photos.length > 0 && (
              <Group gap="xs">
                {photos.map((id) => (
                  <Anchor key={id} href={`/county/files/${id}`} target="_blank">
                    <Image src={`/county/files/${id}`} h={80} w="auto" radius="sm" alt={t("work.photo")} />
                  </Anchor>
                ))}
              </Group>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t("work.timeline")}
          </Title>
          <Timeline active={timeline.length} bulletSize={14} lineWidth={2} data-testid="timeline">
            {timeline.map((event) => (
              <Timeline.Item
                key={event.seq}
                title={
                  event.label ? localized(event.label) : t(`work.events.${event.type}`, { defaultValue: event.type })
                }
              >
                <Text size="xs" c="dimmed">
                  {when(event.at)} · {event.actorName ?? actorLabel(event.actorRole)}
                  {event.actorTeam && `（${event.actorTeam}）`}
                  {event.fromState !== event.toState && ` → ${localized(event.toLabel)}`}
                </Text>
                {event.values.map((v) => (
                  <Text key={v.label["zh-CN"]} size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    <Text span c="dimmed" inherit>
                      {localized(v.label)}：
                    </Text>
                    {localized(v.value)}
                  </Text>
                ))}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
      <Modal opened={!!chosen} onClose={() => setOpen(null)} title={chosen ? localized(chosen.label) : ""}>
        {chosen && (
          <fetcher.Form method="post">
            <Stack>
              {errors.form && <Alert color="red">{errors.form}</Alert>}
              <input type="hidden" name="event" value={chosen.event} />
              <input type="hidden" name="expectedSeq" value={kase.seq} />
              <FieldInputs
                fields={chosen.form}
                references={references}
                errorOf={(key) => errors.field(key) ?? errors.field(`data.${key}`)}
              />
              {chosen.form.length === 0 && <Text size="sm">{t("work.confirm")}</Text>}
              <Button type="submit" loading={fetcher.state !== "idle"}>
                {localized(chosen.label)}
              </Button>
            </Stack>
          </fetcher.Form>
        )}
      </Modal>
    </>
  );
}
