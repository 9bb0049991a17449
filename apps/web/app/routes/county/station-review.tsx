import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { can } from "@rdlink/auth";
import { closeStationReview } from "@rdlink/core/station-reviews/close-station-review";
import { getStationReview } from "@rdlink/core/station-reviews/get-station-review";
import { markRectification } from "@rdlink/core/station-reviews/mark-rectification";
import { nameModelStations } from "@rdlink/core/station-reviews/name-model-stations";
import { returnReviewItem } from "@rdlink/core/station-reviews/return-review-item";
import { scoreReviewStation } from "@rdlink/core/station-reviews/score-review-station";
import { submitReviewEvidence } from "@rdlink/core/station-reviews/submit-review-evidence";
import { useState } from "react";
import { Link, useFetcher } from "react-router";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useListFilters } from "~/lib/list-filters";
import { formatRate } from "~/lib/rate";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-review";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => {
    const query = Object.fromEntries(new URL(args.request.url).searchParams);
    const page = await getStationReview(tx, ctx, args.params.reviewId, query);
    return {
      ...page,
      stations: page.stations.map((s) => ({
        ...s,
        canSubmit: can(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: s.townshipId }),
      })),
    };
  });
}

export function action(args: Route.ActionArgs) {
  const { reviewId } = args.params;
  return intentAction(args, {
    submit: async (tx, ctx, form) => ({ report: await submitReviewEvidence(tx, ctx, reviewId, form) }),
    score: async (tx, ctx, form) => ({ report: await scoreReviewStation(tx, ctx, reviewId, form) }),
    return: (tx, ctx, form) => returnReviewItem(tx, ctx, reviewId, form),
    close: (tx, ctx) => closeStationReview(tx, ctx, reviewId),
    name: async (tx, ctx, form) => ({ report: await nameModelStations(tx, ctx, reviewId, form) }),
    rectify: async (tx, ctx, form) => ({ report: await markRectification(tx, ctx, reviewId, form) }),
  });
}

type Data = Route.ComponentProps["loaderData"];
type ReviewStation = Data["stations"][number];

/** The score input of the review's i-th item, as scoreReviewStation reads it. */
const scoreField = (index: number) => `s${index}`;

const MET_COLORS = { yes: "green", partly: "yellow", no: "red" } as const;

function Figures({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { figures } = data;
  const card = (label: string, value: number, testId: string) => (
    <Paper withBorder p="md" key={testId}>
      <Text size="sm" c="dark.6">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
  return (
    <Stack gap="md" mb="lg">
      <Title order={2} size="h4">
        {t("stationReviews.figures.perLevel")}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {(["county", "city", "province"] as const).map((level) =>
          card(t(`stationReviews.level.${level}`), figures.perLevel[level], `review-level-${level}`),
        )}
        {card(t("stationReviews.rectify"), figures.perLevel.rectify, "review-rectify")}
        {card(t("stationReviews.figures.unscored"), figures.unscored, "review-unscored")}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t("stationReviews.figures.compliance")}
          </Title>
          <Table data-testid="review-compliance" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("stationReviews.item")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.figures.met")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.figures.share")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.compliance.map((row) => (
                <Table.Tr key={row.item}>
                  <Table.Td>{row.item}</Table.Td>
                  <Table.Td ta="right">
                    {row.met}/{row.stations}
                  </Table.Td>
                  <Table.Td ta="right">{formatRate(row.stations === 0 ? null : row.met / row.stations)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dark.6" mt="xs">
            {t("stationReviews.figures.complianceHint")}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t("stationReviews.figures.byTownship")}
          </Title>
          <Table data-testid="review-townships" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("stationReviews.township")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.stations")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.models")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.rectify")}</Table.Th>
                <Table.Th ta="right">{t("stationReviews.figures.share")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.byTownship.map((row) => (
                <Table.Tr key={row.townshipId}>
                  <Table.Td>{row.township}</Table.Td>
                  <Table.Td ta="right">{row.stations}</Table.Td>
                  <Table.Td ta="right">{row.models}</Table.Td>
                  <Table.Td ta="right">{row.rectify}</Table.Td>
                  <Table.Td ta="right">{formatRate(row.compliance)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function ReturnModal({ stationId, item, onClose }: { stationId: string; item: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={`${t("stationReviews.returnItem")}：${item}`} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="return" />
          <input type="hidden" name="stationId" value={stationId} />
          <input type="hidden" name="item" value={item} />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            name="reason"
            label={t("stationReviews.returnReason")}
            required
            maxLength={200}
            error={errors.field("reason")}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button type="submit" loading={fetcher.state !== "idle"}>
              {t("stationReviews.returnItem")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

function FunctionNote({ stationId, item }: { stationId: string; item: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="item" value={item} />
      <Group gap={4} wrap="nowrap" mt={4}>
        <TextInput
          name="note"
          size="xs"
          aria-label={`${item}${t("stationReviews.functionNote")}`}
          placeholder={t("stationReviews.functionNote")}
          error={errors.field("note") ?? errors.form}
        />
        <Button type="submit" size="xs" variant="light" loading={fetcher.state !== "idle"}>
          {t("stationReviews.submitItem")}
        </Button>
      </Group>
    </fetcher.Form>
  );
}

function StationCard({ data, station }: { data: Data; station: ReviewStation }) {
  const { t } = useTranslation();
  const { review, role } = data;
  const open = review.status === "open";
  const scorer = open && role.reviewer !== null;
  const submitter = open && station.canSubmit;
  const score = useFetcher<typeof action>();
  const submit = useFetcher<typeof action>();
  const scoreErrors = useFormErrors(score.data);
  const submitErrors = useFormErrors(submit.data);
  const [returning, setReturning] = useState<string | null>(null);
  const formId = `score-${station.stationId}`;
  const mine = (item: ReviewStation["items"][number]) => (role.reviewer === "A" ? item.scoreA : item.scoreB);
  return (
    <Paper withBorder p="md" data-testid="review-station" data-station={station.name}>
      <Group justify="space-between" mb="xs">
        <div>
          <Text fw={700}>{station.name}</Text>
          <Text size="sm" c="dark.6">
            {station.township}
          </Text>
        </div>
        <Group gap="xs">
          {station.outcome === "model" && station.modelLevel && (
            <Badge color="red" size="lg">
              {t("stationReviews.titleOf", {
                year: station.modelYear,
                level: t(`stationReviews.level.${station.modelLevel}`),
              })}
            </Badge>
          )}
          {station.outcome === "rectify" && (
            <Badge color="orange" variant="light" size="lg">
              {t("stationReviews.rectifyUntil", { date: station.rectifyBy })}
            </Badge>
          )}
          <Text fw={600} data-testid="station-total">
            {t("stationReviews.total")}：{station.total ?? "—"}
          </Text>
        </Group>
      </Group>
      {submitter && (
        <submit.Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="stationId" value={station.stationId} />
          <Group mb="xs">
            <Button type="submit" size="xs" variant="light" loading={submit.state !== "idle"}>
              {t("stationReviews.submitAll")}
            </Button>
            {submitErrors.form && (
              <Text c="red" size="sm" role="alert">
                {submitErrors.form}
              </Text>
            )}
          </Group>
        </submit.Form>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("stationReviews.item")}</Table.Th>
              <Table.Th>{t("stationReviews.evidence")}</Table.Th>
              <Table.Th ta="right">{t("stationReviews.scoreA")}</Table.Th>
              <Table.Th ta="right">{t("stationReviews.scoreB")}</Table.Th>
              <Table.Th ta="right">{t("stationReviews.score")}</Table.Th>
              {scorer && <Table.Th>{t("stationReviews.saveScores")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {station.items.map((item, index) => {
              const def = review.items[index]!;
              return (
                <Table.Tr key={item.name}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {item.name}
                    </Text>
                    <Text size="xs" c="dark.6">
                      {t(`stationReviews.kind.${def.kind}`)} · {t("stationReviews.maxScore", { max: def.maxScore })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.submitted ? (
                      <Stack gap={2}>
                        {item.met && (
                          <Badge size="sm" variant="light" color={MET_COLORS[item.met]}>
                            {t(`stations.met.${item.met}`)}
                          </Badge>
                        )}
                        {item.note && <Text size="sm">{item.note}</Text>}
                        {item.photoIds.length > 0 && (
                          <Text size="xs" c="dark.6">
                            {t("stationReviews.photos", { count: item.photoIds.length })}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      <Text size="sm" c={item.returnedReason ? "orange.8" : "dark.6"}>
                        {item.returnedReason
                          ? t("stationReviews.returned", { reason: item.returnedReason })
                          : t("stationReviews.noEvidence")}
                      </Text>
                    )}
                    {submitter && def.kind === "function" && (
                      <FunctionNote stationId={station.stationId} item={item.name} />
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{item.scoreA ?? "—"}</Table.Td>
                  <Table.Td ta="right">{item.scoreB ?? "—"}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {item.score ?? "—"}
                  </Table.Td>
                  {scorer && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          form={formId}
                          name={scoreField(index)}
                          size="xs"
                          w={70}
                          inputMode="decimal"
                          defaultValue={mine(item) ?? ""}
                          aria-label={`${station.name} ${item.name}`}
                          error={Boolean(scoreErrors.field(scoreField(index)))}
                        />
                        <Button size="xs" variant="subtle" color="orange" onClick={() => setReturning(item.name)}>
                          {t("stationReviews.returnItem")}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {scorer && (
        <score.Form method="post" id={formId}>
          <input type="hidden" name="intent" value="score" />
          <input type="hidden" name="stationId" value={station.stationId} />
          <Group mt="xs">
            <Button type="submit" size="sm" loading={score.state !== "idle"}>
              {t("stationReviews.saveScores")}
            </Button>
            {[scoreErrors.form, ...scoreErrors.all].filter(Boolean).map((message) => (
              <Text c="red" size="sm" role="alert" key={message}>
                {message}
              </Text>
            ))}
            {score.state === "idle" && score.data?.ok && (
              <Text c="green.8" size="sm">
                {t("stationReviews.saved")}
              </Text>
            )}
          </Group>
        </score.Form>
      )}
      {returning && <ReturnModal stationId={station.stationId} item={returning} onClose={() => setReturning(null)} />}
    </Paper>
  );
}

function CountyActions({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { review } = data;
  const close = useFetcher<typeof action>();
  const name = useFetcher<typeof action>();
  const rectify = useFetcher<typeof action>();
  const closeErrors = useFormErrors(close.data);
  const nameErrors = useFormErrors(name.data);
  const rectifyErrors = useFormErrors(rectify.data);
  const fullMarks = review.items.reduce((sum, item) => sum + item.maxScore, 0);
  if (review.status === "open")
    return (
      <close.Form method="post">
        <input type="hidden" name="intent" value="close" />
        <Group mb="lg">
          <Button type="submit" color="red" variant="light" loading={close.state !== "idle"}>
            {t("stationReviews.close")}
          </Button>
          <Text size="sm" c="dark.6">
            {t("stationReviews.closeHint")}
          </Text>
          {closeErrors.form && (
            <Text c="red" role="alert">
              {closeErrors.form}
            </Text>
          )}
        </Group>
      </close.Form>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
      <Paper withBorder p="md">
        <name.Form method="post">
          <input type="hidden" name="intent" value="name" />
          <Stack gap="sm">
            <Title order={2} size="h5">
              {t("stationReviews.nameModels")}
            </Title>
            <Checkbox.Group
              label={t("stationReviews.pickStations")}
              description={t("stationReviews.candidatesHint", { count: data.candidates.length })}
              error={nameErrors.field("stationIds")}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4}>
                {data.candidates.map((s) => (
                  <Checkbox
                    key={s.stationId}
                    name="stationIds[]"
                    value={s.stationId}
                    label={`${s.name}（${s.total}）${s.outcome === "model" ? ` · ${t("stationReviews.models")}` : s.outcome === "rectify" ? ` · ${t("stationReviews.rectify")}` : ""}`}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group grow>
              <NativeSelect
                name="level"
                label={t("stationReviews.modelLevel")}
                data={(["county", "city", "province"] as const).map((level) => ({
                  value: level,
                  label: t(`stationReviews.level.${level}`),
                }))}
              />
              <TextInput
                name="year"
                label={t("stationReviews.modelYear")}
                defaultValue={review.year}
                error={nameErrors.field("year")}
              />
            </Group>
            {nameErrors.form && <Text c="red">{nameErrors.form}</Text>}
            <Group>
              <Button type="submit" loading={name.state !== "idle"}>
                {t("stationReviews.nameModels")}
              </Button>
            </Group>
          </Stack>
        </name.Form>
      </Paper>
      <Paper withBorder p="md">
        <rectify.Form method="post">
          <input type="hidden" name="intent" value="rectify" />
          <Stack gap="sm">
            <Title order={2} size="h5">
              {t("stationReviews.markRectify")}
            </Title>
            <Group grow align="flex-start">
              <TextInput
                name="threshold"
                label={t("stationReviews.threshold")}
                description={t("stationReviews.fullMarks", { total: fullMarks })}
                inputMode="decimal"
                required
                error={rectifyErrors.field("threshold")}
              />
              <TextInput
                name="rectifyBy"
                type="date"
                label={t("stationReviews.rectifyBy")}
                required
                error={rectifyErrors.field("rectifyBy")}
              />
            </Group>
            {rectifyErrors.form && <Text c="red">{rectifyErrors.form}</Text>}
            <Group>
              <Button type="submit" variant="light" color="orange" loading={rectify.state !== "idle"}>
                {t("stationReviews.markRectify")}
              </Button>
            </Group>
          </Stack>
        </rectify.Form>
      </Paper>
    </SimpleGrid>
  );
}

/** The stations below the figures come a page at a time; a township narrows them. */
function StationFilter({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { setFilter } = useListFilters();
  const { paging, figures } = data;
  return (
    <Group justify="space-between" align="flex-end" mb="sm">
      <Title order={2} size="h4">
        {t("stationReviews.stationList", { count: paging.total })}
      </Title>
      {figures.byTownship.length > 1 && (
        <Select
          label={t("stationReviews.township")}
          placeholder={t("stationReviews.allTownships")}
          data={figures.byTownship.map((row) => ({ value: row.townshipId, label: row.township }))}
          value={paging.townshipId}
          onChange={setFilter("townshipId")}
          clearable
          w={220}
        />
      )}
    </Group>
  );
}

/** A station review: its figures, the county's actions, and every station's items with evidence and scores. */
export default function StationReview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { review, role } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/station-reviews" size="sm">
        ← {t("stationReviews.back")}
      </Anchor>
      <PageHeader
        title={review.title}
        intro={`${t("stationReviews.year")}：${review.year} · ${t("stationReviews.standard")}：${review.standardName} · ${t("stationReviews.reviewerLine", { a: review.reviewerA, b: review.reviewerB })}`}
        actions={
          <Badge variant="light" size="lg" color={review.status === "open" ? "blue" : "gray"}>
            {t(`stationReviews.status.${review.status}`)}
          </Badge>
        }
      />
      {role.reviewer && review.status === "open" && (
        <Text mb="md" c="blue.8">
          {t("stationReviews.youAreReviewer")}
        </Text>
      )}
      <Figures data={loaderData} />
      {role.county && <CountyActions data={loaderData} />}
      <StationFilter data={loaderData} />
      <Stack gap="md">
        {loaderData.stations.map((station) => (
          <StationCard key={station.stationId} data={loaderData} station={station} />
        ))}
      </Stack>
      <ListPagination {...loaderData.paging} />
    </>
  );
}
