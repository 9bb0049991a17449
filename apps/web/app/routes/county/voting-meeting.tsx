import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { closeVoting } from "@rdlink/core/voting/close-voting";
import { clearTally, enterTally } from "@rdlink/core/voting/enter-tally";
import { getVotingMeeting } from "@rdlink/core/voting/get-voting-meeting";
import { issuePaperBallots } from "@rdlink/core/voting/issue-paper-ballots";
import { openVoting } from "@rdlink/core/voting/open-voting";
import { publishResults } from "@rdlink/core/voting/publish-results";
import { recordPresence } from "@rdlink/core/voting/record-presence";
import { Link, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/voting-meeting";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getVotingMeeting(tx, ctx, args.params.meetingId), "tenant.voting.manage");
}

/** The meeting's steps, each one use case in one transaction. */
export function action(args: Route.ActionArgs) {
  const id = args.params.meetingId;
  return intentAction(
    args,
    {
      present: (tx, ctx, form) => recordPresence(tx, ctx, id, { ...form, present: "yes" }),
      absent: (tx, ctx, form) => recordPresence(tx, ctx, id, { ...form, present: "no" }),
      paper: (tx, ctx, form) => issuePaperBallots(tx, ctx, id, form),
      open: (tx, ctx) => openVoting(tx, ctx, id),
      close: (tx, ctx) => closeVoting(tx, ctx, id),
      tally: (tx, ctx, form) => enterTally(tx, ctx, id, form),
      clearTally: (tx, ctx) => clearTally(tx, ctx, id),
      publish: (tx, ctx) => publishResults(tx, ctx, id),
    },
    "tenant.voting.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

/** Sign-in and paper ballots: one form over the roster, the button says which. */
function Roster({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const { status } = data.meeting;
  const canSign = status === "preparing" || status === "open";
  return (
    <fetcher.Form method="post" data-testid="roster">
      <Stack gap="xs">
        <Group gap="xs">
          <Button type="submit" name="intent" value="present" disabled={!canSign} loading={fetcher.state !== "idle"}>
            {t("voting.markPresent")}
          </Button>
          <Button type="submit" name="intent" value="absent" variant="default" disabled={!canSign}>
            {t("voting.markAbsent")}
          </Button>
          <Button type="submit" name="intent" value="paper" variant="default" disabled={status !== "open"}>
            {t("voting.issuePaper")}
          </Button>
          <Button component="a" href={`/county/voting/meetings/${data.meeting.id}/slips`} variant="subtle">
            {t("voting.slips")}
          </Button>
        </Group>
        {(errors.form || errors.field("representativeIds")) && (
          <Alert color="red" data-testid="roster-error">
            {errors.form ?? errors.field("representativeIds")}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={480} mah={420}>
          <Table stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>{t("voting.columns.name")}</Table.Th>
                <Table.Th>{t("voting.columns.group")}</Table.Th>
                <Table.Th>{t("voting.presence")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.representatives.map((r) => (
                <Table.Tr key={r.id} data-testid="roster-row">
                  <Table.Td>
                    <Checkbox
                      name="representativeIds[]"
                      value={r.id}
                      aria-label={t("voting.selectRepresentative", { name: r.name })}
                    />
                  </Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{r.groupName}</Table.Td>
                  <Table.Td>
                    {r.voted
                      ? t(r.voted === "online" ? "voting.votedOnline" : "voting.votedPaper")
                      : r.present
                        ? t("voting.present")
                        : t("voting.absent")}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </fetcher.Form>
  );
}

function Tally({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const reconciled = Boolean(data.meeting.paperReconciledAt);
  return (
    <Paper withBorder p="md" data-testid="tally">
      <Title order={2} size="h4">
        {t("voting.tally")}
      </Title>
      <Text size="sm" c="dark.6" mb="xs">
        {t("voting.tallyIntro")}
      </Text>
      {data.tallyEntries.map((e) => (
        <Text key={e.entry} size="sm" data-testid="tally-entry">
          {t("voting.tallyEntered", { entry: e.entry, ballots: e.ballots })}
        </Text>
      ))}
      {reconciled ? (
        <Text fw={600}>{t("voting.tallyReconciled")}</Text>
      ) : (
        <fetcher.Form method="post">
          <Stack gap="xs">
            {errors.form && (
              <Alert color="red" data-testid="tally-error">
                {errors.form}
              </Alert>
            )}
            <TextInput
              name="ballots"
              label={t("voting.tallyBallots")}
              required
              inputMode="numeric"
              w={200}
              error={errors.field("ballots")}
            />
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {data.candidates.flatMap((c) => [
                <TextInput
                  key={`f${c.id}`}
                  name={`for.${c.id}`}
                  label={t("voting.tallyFor", { title: c.title })}
                  inputMode="numeric"
                  defaultValue="0"
                />,
                <TextInput
                  key={`a${c.id}`}
                  name={`against.${c.id}`}
                  label={t("voting.tallyAgainst", { title: c.title })}
                  inputMode="numeric"
                  defaultValue="0"
                />,
              ])}
            </SimpleGrid>
            <Group gap="xs">
              <Button type="submit" name="intent" value="tally" loading={fetcher.state !== "idle"}>
                {t("voting.enterTally")}
              </Button>
              {data.tallyEntries.length > 0 && (
                <Button type="submit" name="intent" value="clearTally" variant="default">
                  {t("voting.clearTally")}
                </Button>
              )}
            </Group>
          </Stack>
        </fetcher.Form>
      )}
    </Paper>
  );
}

/** 选民代表会议: the ballot, the quorum, sign-in, voting, the paper tally and the results. */
export default function VotingMeeting({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const step = useFetcher<typeof action>();
  const stepErrors = useFormErrors(step.data);
  const { meeting, street, quorum, candidates } = loaderData;
  const next = { preparing: "open", open: "close", closed: "publish", published: null }[meeting.status];
  return (
    <>
      <Anchor component={Link} to={`/county/townships/${street.id}/voting`} size="sm">
        ← {street.name}
      </Anchor>
      <PageHeader
        title={meeting.name}
        intro={`${meeting.heldOn} · ${t(`voting.rules.${meeting.rule}`)}`}
        actions={
          next && (
            <step.Form method="post">
              <Button type="submit" name="intent" value={next} loading={step.state !== "idle"}>
                {t(
                  `voting.${{ open: "openVoting", close: "closeVoting", publish: "publish" }[next]}` as "voting.publish",
                )}
              </Button>
            </step.Form>
          )
        }
      />
      <Stack gap="md">
        {stepErrors.form && (
          <Alert color="red" data-testid="step-error">
            {stepErrors.form}
          </Alert>
        )}
        <Group gap="sm" data-testid="meeting-status">
          <Badge size="lg" variant="light">
            {t(`voting.meetingStatuses.${meeting.status}`)}
          </Badge>
          <Text data-testid="quorum">{t("voting.quorum", { present: quorum.present, eligible: quorum.eligible })}</Text>
          <Text fw={600}>{quorum.reached ? t("voting.quorumReached") : t("voting.quorumMissing")}</Text>
          <Text size="sm" data-testid="ballot-counts">
            {t("voting.ballotCounts", { online: loaderData.votedOnline, paper: loaderData.votedPaper })}
          </Text>
        </Group>
        <Table data-testid="results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("voting.candidateTitle")}</Table.Th>
              <Table.Th ta="right">{t("voting.costWan")}</Table.Th>
              <Table.Th ta="right">{t("voting.votesFor")}</Table.Th>
              <Table.Th ta="right">{t("voting.votesAgainst")}</Table.Th>
              <Table.Th>{t("voting.outcome")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {candidates.map((c) => (
              <Table.Tr key={c.id} data-testid="result-row">
                <Table.Td>{c.title}</Table.Td>
                <Table.Td ta="right">{(c.costYuan / 10_000).toLocaleString("zh-CN")}</Table.Td>
                <Table.Td ta="right">{c.votesFor ?? "—"}</Table.Td>
                <Table.Td ta="right">{c.votesAgainst ?? "—"}</Table.Td>
                <Table.Td>
                  {c.status === "chosen" ? (
                    <Anchor component={Link} to={`/county/voting/projects/${c.id}`}>
                      {t("voting.statuses.chosen")}
                    </Anchor>
                  ) : (
                    t(`voting.statuses.${c.status}`)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(meeting.status === "closed" || meeting.paperReconciledAt) && loaderData.votedPaper > 0 && (
          <Tally data={loaderData} />
        )}
        <Roster data={loaderData} />
      </Stack>
    </>
  );
}
