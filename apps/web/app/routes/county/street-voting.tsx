import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { addCandidate } from "@rdlink/core/voting/add-candidate";
import { createVotingMeeting } from "@rdlink/core/voting/create-voting-meeting";
import { getStreetVoting } from "@rdlink/core/voting/get-street-voting";
import { divisionCodeOf } from "@rdlink/core/voting/quorum";
import { screenCandidate } from "@rdlink/core/voting/screen-candidate";
import { Link, redirect, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/street-voting";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await getStreetVoting(tx, ctx, args.params.townshipId)),
      county: await divisionCodeOf(tx),
      year: Number(ctx.clock.now().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4)),
    }),
    "tenant.voting.manage",
  );
}

/** The street's forms: a candidate project, its screening, a new meeting (then on to its page). */
export function action(args: Route.ActionArgs) {
  const townshipId = args.params.townshipId;
  return intentAction(
    args,
    {
      addCandidate: (tx, ctx, form) => addCandidate(tx, ctx, townshipId, form),
      screen: (tx, ctx, form) => screenCandidate(tx, ctx, form),
      createMeeting: async (tx, ctx, form) => {
        const meeting = await createVotingMeeting(tx, ctx, townshipId, form);
        return redirect(`/county/voting/meetings/${meeting.id}`);
      },
    },
    "tenant.voting.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

function CandidateRow({ c, meetings }: { c: Data["candidates"][number]; meetings: Data["meetings"] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const preparing = meetings.filter((m) => m.status === "preparing");
  const open = c.status === "proposed" || c.status === "listed";
  return (
    <Table.Tr data-testid="candidate-row">
      <Table.Td>
        <Anchor component={Link} to={`/county/voting/projects/${c.id}`} fw={600}>
          {c.title}
        </Anchor>
        <Text size="xs" c="dark.6">
          {t(`voting.proposers.${c.proposerKind}`)}
          {c.proposerName ? ` · ${c.proposerName}` : ""} · {c.year}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{(c.costYuan / 10_000).toLocaleString("zh-CN")}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {t(`voting.statuses.${c.status}`)}
        </Text>
        {c.dropReason && <Text size="xs">{c.dropReason}</Text>}
      </Table.Td>
      <Table.Td>
        {open && (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="screen" />
            <input type="hidden" name="candidateId" value={c.id} />
            <Group gap="xs" align="flex-end" wrap="nowrap">
              {preparing.length > 0 && (
                <>
                  <NativeSelect
                    name="meetingId"
                    size="xs"
                    aria-label={t("voting.meetings")}
                    data={preparing.map((m) => ({ value: m.id, label: m.name }))}
                    defaultValue={c.meetingId ?? preparing[0]!.id}
                  />
                  <Button size="xs" type="submit" name="decision" value="list" variant="default">
                    {t("voting.list")}
                  </Button>
                </>
              )}
              <TextInput
                name="reason"
                size="xs"
                aria-label={t("voting.dropReason")}
                placeholder={t("voting.dropReason")}
                error={errors.field("reason")}
              />
              <Button size="xs" type="submit" name="decision" value="drop" variant="default">
                {t("voting.drop")}
              </Button>
            </Group>
            {errors.form && (
              <Text c="red" size="xs">
                {errors.form}
              </Text>
            )}
          </fetcher.Form>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NewCandidate({ year }: { year: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Paper withBorder p="md">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="addCandidate" />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("voting.addCandidate")}
          </Title>
          <TextInput
            name="title"
            label={t("voting.candidateTitle")}
            required
            maxLength={60}
            error={errors.field("title")}
          />
          <Textarea
            name="description"
            label={t("voting.candidateDescription")}
            required
            maxLength={2000}
            error={errors.field("description")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              name="costWan"
              label={t("voting.costWan")}
              required
              inputMode="decimal"
              error={errors.field("costWan")}
            />
            <TextInput name="year" label={t("voting.year")} required defaultValue={year} error={errors.field("year")} />
            <NativeSelect
              name="proposerKind"
              label={t("voting.proposerKind")}
              data={(["office", "deputy", "citizen"] as const).map((k) => ({
                value: k,
                label: t(`voting.proposers.${k}`),
              }))}
            />
          </SimpleGrid>
          <TextInput name="proposerName" label={t("voting.proposerName")} maxLength={40} />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Button type="submit" loading={fetcher.state !== "idle"} style={{ alignSelf: "flex-start" }}>
            {t("voting.addCandidate")}
          </Button>
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}

function NewMeeting({ year }: { year: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Paper withBorder p="md">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="createMeeting" />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("voting.newMeeting")}
          </Title>
          <TextInput name="name" label={t("voting.meetingName")} required maxLength={80} error={errors.field("name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput name="heldOn" type="date" label={t("voting.heldOn")} required error={errors.field("heldOn")} />
            <TextInput name="year" label={t("voting.year")} required defaultValue={year} error={errors.field("year")} />
          </SimpleGrid>
          <NativeSelect
            name="rule"
            label={t("voting.rule")}
            data={(["majority", "budget"] as const).map((r) => ({ value: r, label: t(`voting.rules.${r}`) }))}
          />
          <TextInput
            name="budgetWan"
            label={t("voting.budgetWan")}
            inputMode="decimal"
            error={errors.field("budgetWan")}
          />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Button type="submit" loading={fetcher.state !== "idle"} style={{ alignSelf: "flex-start" }}>
            {t("voting.newMeeting")}
          </Button>
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}

/** A street's 民生实事项目票决: roster, candidate projects and their screening, meetings. */
export default function StreetVoting({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { street, representatives, candidates, meetings, year, county } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/voting" size="sm">
        ← {t("voting.streetTitle")}
      </Anchor>
      <PageHeader
        title={`${street.name} · ${t("voting.streetTitle")}`}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/county/townships/${street.id}/voting/import`} variant="default">
              {t("voting.importTitle")}
            </Button>
            <Button component="a" href={`/p/${county}/${street.id}`} variant="subtle">
              {t("voting.publicPage")}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <Text data-testid="representatives-count">
          {t("voting.representativesCount", { count: representatives.length })}
          {representatives[0]
            ? ` · ${representatives[0].term} ${representatives[0].termStartsOn} – ${representatives[0].termEndsOn}`
            : ""}
        </Text>
        <section>
          <Title order={2} size="h4" mb="xs">
            {t("voting.meetings")}
          </Title>
          <Stack gap={4} data-testid="voting-meetings">
            {meetings.map((m) => (
              <Group key={m.id} gap="xs">
                <Anchor component={Link} to={`/county/voting/meetings/${m.id}`} fw={600}>
                  {m.name}
                </Anchor>
                <Text size="sm">{m.heldOn}</Text>
                <Badge variant="default">{t(`voting.meetingStatuses.${m.status}`)}</Badge>
              </Group>
            ))}
          </Stack>
        </section>
        <section>
          <Title order={2} size="h4" mb="xs">
            {t("voting.candidates")}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="candidates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("voting.candidateTitle")}</Table.Th>
                  <Table.Th ta="right">{t("voting.costWan")}</Table.Th>
                  <Table.Th>{t("common.status")}</Table.Th>
                  <Table.Th>{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {candidates.map((c) => (
                  <CandidateRow key={c.id} c={c} meetings={meetings} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NewCandidate year={year} />
          <NewMeeting year={year} />
        </SimpleGrid>
      </Stack>
    </>
  );
}
