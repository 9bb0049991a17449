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
  Tooltip,
} from "@mantine/core";
import { actOnCase } from "@rdlink/core/cases/act-on-case";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import { getCase } from "@rdlink/core/cases/get-case";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { FieldInputs, useLocalized } from "~/components/field-inputs";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/case";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getCase(tx, ctx, args.params.caseId));
}

/** A workflow `event` on the case, against the step the page showed (`expectedSeq`); the rest is its form. */
export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { event, expectedSeq, ...data } = await county.form();
    const caseId = args.params.caseId;
    await county.inTenant((tx, ctx) => actOnCase(tx, ctx, { caseId, event, expectedSeq: Number(expectedSeq), data }));
    return { ok: true as const };
  });
}

export default function CasePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const { case: kase, timeline, actions, references } = loaderData;
  const [open, setOpen] = useState<string | null>(null);
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const close = useCallback(() => setOpen(null), []);
  useCloseOnSuccess(fetcher, close);
  const action = actions.find((a) => a.event === open);
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
          <Group>
            {actions.map((a) => (
              <Button key={a.event} variant={a.form.length > 0 ? "filled" : "light"} onClick={() => setOpen(a.event)}>
                {localized(a.label)}
              </Button>
            ))}
          </Group>
        }
      />
      {errors.form && !open && (
        <Alert color="red" mb="md">
          {errors.form}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Group gap="xs">
              <Badge size="lg" data-testid="case-state">
                {localized(kase.stateLabel)}
              </Badge>
              {kase.deadline !== "none" && (
                <Badge color={DEADLINE_COLOR[kase.deadline]} variant="light" data-testid="case-deadline">
                  {t(`work.deadlines.${kase.deadline}`)}
                  {kase.dueAt ? ` · ${when(kase.dueAt)}` : ""}
                </Badge>
              )}
              {kase.unattended && (
                <Tooltip label={t("work.unattendedHint")} multiline w={280}>
                  <Badge color="red" variant="outline" data-testid="case-unattended">
                    {t("work.unattended")}
                  </Badge>
                </Tooltip>
              )}
              {kase.deadline !== "none" && kase.dueAtProvisional && (
                <Tooltip label={t("work.provisionalDeadlineHint")} multiline w={280}>
                  <Badge color="orange" variant="outline" data-testid="case-deadline-provisional">
                    {t("work.provisionalDeadline")}
                  </Badge>
                </Tooltip>
              )}
            </Group>
            <Text size="sm">
              {t("work.place", { station: kase.stationName ?? "—", township: kase.townshipName ?? "—" })}
            </Text>
            <Text size="sm">
              {t("work.channelOf", { channel: kase.channel ? t(`cases.channels.${kase.channel}`) : "—" })}
            </Text>
            {kase.handlingUnitName && <Text size="sm">{t("work.unitOf", { unit: kase.handlingUnitName })}</Text>}
            {(kase.submitterName || kase.submitterPhone) && (
              <Text size="sm">
                {t("work.submitter", { name: kase.submitterName ?? "—", phone: kase.submitterPhone ?? "—" })}
              </Text>
            )}
            {kase.satisfaction && (
              <Text size="sm">{t("work.satisfactionOf", { value: t(`cases.satisfaction.${kase.satisfaction}`) })}</Text>
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
              {t("work.content")}
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
                  {when(event.at)} ·{" "}
                  {event.actorName ?? t(`roles.${event.actorRole}`, { defaultValue: event.actorRole })}
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
      <Modal opened={!!action} onClose={() => setOpen(null)} title={action ? localized(action.label) : ""}>
        {action && (
          <fetcher.Form method="post">
            <Stack>
              {errors.form && <Alert color="red">{errors.form}</Alert>}
              <input type="hidden" name="event" value={action.event} />
              <input type="hidden" name="expectedSeq" value={kase.seq} />
              <FieldInputs
                fields={action.form}
                references={references}
                errorOf={(key) => errors.field(key) ?? errors.field(`data.${key}`)}
              />
              {action.form.length === 0 && <Text size="sm">{t("work.confirm")}</Text>}
              <Button type="submit" loading={fetcher.state !== "idle"}>
                {localized(action.label)}
              </Button>
            </Stack>
          </fetcher.Form>
        )}
      </Modal>
    </>
  );
}
