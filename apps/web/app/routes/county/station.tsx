import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Image,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { getLedgerSummary } from "@rdlink/core/activities/get-ledger-summary";
import { saveUploadedImages } from "@rdlink/core/files/save-uploaded-images";
import { claimPost } from "@rdlink/core/posts/claim-post";
import { decideClaim } from "@rdlink/core/posts/decide-claim";
import { endClaim } from "@rdlink/core/posts/end-claim";
import { ValidationError } from "@rdlink/core/shared/errors";
import { assignDeputy } from "@rdlink/core/stations/assign-deputy";
import { getStation } from "@rdlink/core/stations/get-station";
import { MAX_EVIDENCE_PHOTOS, recordChecklistItem } from "@rdlink/core/stations/record-checklist-item";
import { removeDeputy } from "@rdlink/core/stations/remove-deputy";
import { setStationPosts } from "@rdlink/core/stations/set-station-posts";
import { getDatabase } from "@rdlink/db";
import { IconEdit } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useFetcher, useNavigation } from "react-router";
import { DeputyPicker } from "~/components/deputy-picker";
import { FieldValue, IMAGE_ACCEPT, useLocalized } from "~/components/field-inputs";
import { FormActions } from "~/components/form-actions";
import { LedgerSummary } from "~/components/ledger-summary";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readFormWithFiles } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { withTenantStoringFiles } from "~/lib/files.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/station";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, tenant, ctx } = requireCountyUser(request, context);
  const page = await loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => ({
      ...(await getStation(tx, ctx, params.stationId)),
      ledger: await getLedgerSummary(tx, ctx, { stationId: params.stationId }),
    })),
  );
  return { ...page, publicCode: `${tenant.divisionCode}-${page.publicCode}`, maxEvidencePhotos: MAX_EVIDENCE_PHOTOS };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const stationId = params.stationId;
  try {
    const { values, uploads } = await readFormWithFiles(request);
    const { intent, ...form } = values;
    await withTenantStoringFiles(tenantId, async (tx, staged) => {
      await getStation(tx, ctx, stationId); // 404 unless the actor may see this station
      switch (intent) {
        case "assign":
          return assignDeputy(tx, ctx, { stationId, deputyId: form.deputyId });
        case "remove":
          return removeDeputy(tx, ctx, { stationId, deputyId: form.deputyId });
        case "claim":
          return claimPost(tx, ctx, { stationId, postId: form.postId, statement: form.statement });
        case "approve":
        case "decline":
          return decideClaim(tx, ctx, { claimId: form.claimId, decision: intent, note: form.note });
        case "end":
          return endClaim(tx, ctx, { claimId: form.claimId });
        case "posts":
          return setStationPosts(tx, ctx, { stationId, postIds: form.postIds ?? [] });
        case "checklist": {
          const added = await saveUploadedImages(tx, ctx, await uploads("photos"), {
            staged,
            maxFiles: MAX_EVIDENCE_PHOTOS,
          });
          const kept = (form.keepPhotoIds as string[] | undefined) ?? [];
          return recordChecklistItem(tx, ctx, { ...form, stationId, photoIds: [...kept, ...added] });
        }
        default:
          throw new ValidationError({}, "errors.unknownIntent");
      }
    });
    return { ok: true as const, intent: String(intent) };
  } catch (error) {
    return failureResponse(error);
  }
}

type LoaderData = Route.ComponentProps["loaderData"];

export default function Station({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const { station, typeName, townshipName, communityName, canManage } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/stations" size="sm">
        ← {t("stations.title")}
      </Anchor>
      <PageHeader
        title={station.name}
        intro={[typeName, townshipName, communityName].filter(Boolean).join(" · ")}
        actions={
          <Group gap="xs">
            <Badge variant="light" color={station.status === "active" ? "green" : "gray"} size="lg">
              {t(`stations.statuses.${station.status}`)}
            </Badge>
            {canManage && (
              <Button
                component={Link}
                to={`/county/stations/${station.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} />}
              >
                {t("common.edit")}
              </Button>
            )}
          </Group>
        }
      />
      {[errors.form, ...errors.all].filter(Boolean).map((message) => (
        <Text c="red" key={message} role="alert" mb="sm">
          {message}
        </Text>
      ))}
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="md">
        <StationDetails data={loaderData} />
        <StationDeputies data={loaderData} />
        <StationQr data={loaderData} />
      </SimpleGrid>
      <Stack gap="md">
        <StationPosts data={loaderData} />
        <StationChecklist data={loaderData} />
        <LedgerSummary ledger={loaderData.ledger} filter={`station=${station.id}`} />
      </Stack>
    </>
  );
}

function StationDetails({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { station, liaisons, headDeputyName, fields } = data;
  const line = (label: string, value: React.ReactNode) => (
    <Text size="sm">
      <Text span c="dimmed">
        {label}：
      </Text>
      {value}
    </Text>
  );
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t("stations.details")}
      </Title>
      <Stack gap={4}>
        {line(t("stations.head"), headDeputyName ?? "—")}
        {line(t("stations.liaisons"), liaisons.map((l) => l.displayName).join("、"))}
        {station.address && line(t("stations.address"), station.address)}
        {station.latitude !== null &&
          line(
            t("stations.mapPoint"),
            <Anchor
              href={`https://uri.amap.com/marker?position=${station.longitude},${station.latitude}&name=${encodeURIComponent(station.name)}`}
              target="_blank"
              rel="noreferrer"
              size="sm"
            >
              {station.latitude.toFixed(5)}, {station.longitude?.toFixed(5)}
            </Anchor>,
          )}
        {station.receptionSchedule && line(t("stations.schedule"), station.receptionSchedule)}
        {station.theme && line(t("stations.theme"), station.theme)}
        {station.partners.length > 0 && line(t("stations.partners"), station.partners.join("、"))}
      </Stack>
      {fields.length > 0 && (
        <Stack
          gap={4}
          mt="sm"
          pt="sm"
          data-testid="station-fields"
          style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}
        >
          {fields.map(({ definition, value, removed }) => (
            <Group key={definition.key} gap={4} align="flex-start" c={removed ? "dimmed" : undefined}>
              <Text size="sm" c="dimmed">
                {localized(definition.label)}：
              </Text>
              <Text size="sm" component="div">
                <FieldValue field={definition} value={value} />
              </Text>
              {removed && <Text size="xs">{t("stations.removedField")}</Text>}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function StationDeputies({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const { deputies, canManage, station } = data;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t("stations.deputies")}（{deputies.length}）
      </Title>
      {deputies.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("stations.noDeputies")}
        </Text>
      )}
      <Stack gap={2} data-testid="station-deputies">
        {deputies.map((deputy) => (
          <Group key={deputy.id} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">
              <Anchor component={Link} to={`/county/deputies/${deputy.id}`} size="sm">
                {deputy.name}
              </Anchor>
              <Text span size="xs" c="dimmed">
                {" "}
                {t(`deputies.levels.${deputy.level}`)}
                {deputy.id === station.headDeputyId ? ` · ${t("stations.head")}` : ""}
              </Text>
            </Text>
            {canManage && deputy.id !== station.headDeputyId && (
              <Form method="post">
                <input type="hidden" name="deputyId" value={deputy.id} />
                <Button
                  type="submit"
                  name="intent"
                  value="remove"
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  aria-label={`${t("stations.removeDeputy")} ${deputy.name}`}
                >
                  {t("stations.removeDeputy")}
                </Button>
              </Form>
            )}
          </Group>
        ))}
      </Stack>
      {canManage && (
        <Form method="post">
          <Group align="flex-end" mt="sm" gap="xs" wrap="nowrap">
            {/* Searched on the server: a township may have more deputies than a list can hold. */}
            <div style={{ flex: 1 }}>
              <DeputyPicker
                name="deputyId"
                label={t("stations.assignDeputy")}
                townshipId={station.townshipId}
                maxValues={1}
              />
            </div>
            <Button type="submit" name="intent" value="assign" size="sm" loading={busy}>
              {t("stations.assignDeputy")}
            </Button>
          </Group>
        </Form>
      )}
    </Paper>
  );
}

function StationQr({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const qr = (format: string) => `/county/stations/${data.station.id}/qr/${format}`;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t("stations.qr")}
      </Title>
      <Group align="flex-start" wrap="nowrap">
        <Image src={qr("svg")} w={96} h={96} alt={t("stations.qr")} />
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t("stations.qrHint")}
          </Text>
          <Text size="xs">
            {t("stations.publicCode")}：
            <Text span ff="monospace" fw={600} data-testid="public-code">
              {data.publicCode}
            </Text>
          </Text>
          <Anchor href={`/s/${data.publicCode}`} target="_blank" size="sm" data-testid="intake-link">
            {t("stations.openIntake")}
          </Anchor>
          <Anchor href={qr("png")} download size="sm">
            {t("stations.downloadPng")}
          </Anchor>
          <Anchor href={qr("svg")} download size="sm">
            {t("stations.downloadSvg")}
          </Anchor>
          <Anchor href={qr("poster")} target="_blank" size="sm">
            {t("stations.poster")}
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}

function StationPosts({ data }: { data: LoaderData }) {
  const { t, i18n } = useTranslation();
  const { posts, canDecide, canManage, station } = data;
  const [choosing, setChoosing] = useState(false);
  const date = (value: string | Date | null) => (value ? new Date(value).toLocaleDateString(i18n.language) : "");
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("stations.posts")}</Title>
        {canManage && (
          <Button size="compact-sm" variant="light" onClick={() => setChoosing(true)}>
            {t("stations.choosePosts")}
          </Button>
        )}
      </Group>
      {posts.length === 0 && (
        <Text c="dimmed" size="sm" p="md">
          {t("stations.noPosts")}
        </Text>
      )}
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" data-testid="station-posts">
          <Table.Tbody>
            {posts.map((post) => (
              <Table.Tr key={post.id} data-testid={`post-${post.name}`}>
                <Table.Td w={150}>
                  <Anchor component={Link} to={`/county/stations/${station.id}/posts/${post.id}`} fw={600}>
                    {post.name}
                  </Anchor>
                  {post.archivedAt && (
                    <Badge color="gray" variant="light" size="xs" ml={4}>
                      {t("common.archived")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {post.holders.length === 0 && post.pending.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t("stations.vacant")}
                    </Text>
                  )}
                  {post.holders.map((holder) => (
                    <Group key={holder.id} gap="xs" wrap="nowrap">
                      <Text size="sm">
                        {holder.deputyName}（{t("stations.since")} {date(holder.since)}）：{holder.statement}
                      </Text>
                      {(holder.mine || canDecide) && (
                        <Form method="post">
                          <input type="hidden" name="claimId" value={holder.id} />
                          <Button
                            type="submit"
                            name="intent"
                            value="end"
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                          >
                            {holder.mine ? t("stations.stepDown") : t("stations.endClaim")}
                          </Button>
                        </Form>
                      )}
                    </Group>
                  ))}
                  {post.pending.map((claim) => (
                    <Group key={claim.id} gap="xs" mt={4}>
                      <Badge color="yellow" variant="light">
                        {t("stations.pending")}
                      </Badge>
                      <Text size="sm">
                        {claim.deputyName}：{claim.statement}
                      </Text>
                      {canDecide && (
                        <Form method="post">
                          <input type="hidden" name="claimId" value={claim.id} />
                          <Group gap={4}>
                            <Button type="submit" name="intent" value="approve" size="compact-sm">
                              {t("stations.approve")}
                            </Button>
                            <Button
                              type="submit"
                              name="intent"
                              value="decline"
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                            >
                              {t("stations.decline")}
                            </Button>
                          </Group>
                        </Form>
                      )}
                    </Group>
                  ))}
                </Table.Td>
                <Table.Td w={320}>
                  {post.iMayClaim && (
                    <Form method="post">
                      <input type="hidden" name="postId" value={post.id} />
                      <Group gap="xs" align="flex-end" wrap="nowrap">
                        <Textarea
                          name="statement"
                          aria-label={`${post.name} ${t("stations.statement")}`}
                          placeholder={post.description ?? t("stations.statement")}
                          autosize
                          minRows={1}
                          required
                          style={{ flex: 1 }}
                        />
                        <Button type="submit" name="intent" value="claim" size="compact-sm">
                          {t("stations.claim")}
                        </Button>
                      </Group>
                    </Form>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {choosing && <ChoosePostsModal data={data} onClose={() => setChoosing(false)} />}
    </Paper>
  );
}

function ChoosePostsModal({ data, onClose }: { data: LoaderData; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const offered = new Set(data.posts.map((p) => p.id));
  return (
    <Modal opened onClose={onClose} title={t("stations.choosePosts")} centered>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="posts" />
        <Stack>
          <Checkbox.Group defaultValue={[...offered]} error={errors.field("postIds") ?? errors.form}>
            <SimpleGrid cols={2} spacing="xs">
              {data.catalog.map((post) => (
                <Checkbox key={post.id} name="postIds[]" value={post.id} label={post.name} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

const MET_COLORS = { yes: "green", partly: "yellow", no: "red" } as const;

function StationChecklist({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { checklist, canManage } = data;
  const [recording, setRecording] = useState<LoaderData["checklist"]["items"][number] | null>(null);
  if (!checklist.name) return null;
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("stations.checklist", { name: checklist.name })}</Title>
        <Badge variant="light" size="lg" data-testid="checklist-score">
          {t("stations.checklistMet", { met: checklist.metCount, total: checklist.items.length })}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" data-testid="station-checklist">
          <Table.Tbody>
            {[...checklist.items, ...checklist.retired].map((entry) => (
              <Table.Tr key={entry.item} data-testid={`checklist-${entry.item}`}>
                <Table.Td w={150} fw={600}>
                  {entry.item}
                </Table.Td>
                <Table.Td w={110}>
                  {entry.met ? (
                    <Badge color={MET_COLORS[entry.met]} variant="light">
                      {t(`stations.met.${entry.met}`)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("stations.notRecorded")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.note}</Text>
                  {entry.photoIds.length > 0 && (
                    <Group gap={6} mt={4}>
                      {entry.photoIds.map((id) => (
                        <Anchor key={id} href={`/county/files/${id}`} target="_blank">
                          <Image src={`/county/files/${id}`} h={48} w="auto" radius="sm" alt={entry.item} />
                        </Anchor>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td w={100}>
                  {canManage && checklist.items.includes(entry) && (
                    <Button size="compact-sm" variant="subtle" onClick={() => setRecording(entry)}>
                      {t("stations.recordItem")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {recording && (
        <ChecklistItemModal entry={recording} maxPhotos={data.maxEvidencePhotos} onClose={() => setRecording(null)} />
      )}
    </Paper>
  );
}

function ChecklistItemModal({
  entry,
  maxPhotos,
  onClose,
}: {
  entry: LoaderData["checklist"]["items"][number];
  maxPhotos: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={entry.item} centered>
      <fetcher.Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="checklist" />
        <input type="hidden" name="item" value={entry.item} />
        <Stack>
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <SegmentedControl
            name="met"
            defaultValue={entry.met ?? "yes"}
            data={(["yes", "partly", "no"] as const).map((value) => ({ value, label: t(`stations.met.${value}`) }))}
          />
          <Textarea
            name="note"
            label={t("stations.evidenceNote")}
            defaultValue={entry.note ?? ""}
            autosize
            minRows={2}
            error={errors.field("note")}
          />
          {entry.photoIds.length > 0 && (
            <Checkbox.Group label={t("stations.keepPhotos")} defaultValue={entry.photoIds}>
              <Group gap="sm" mt={4}>
                {entry.photoIds.map((id) => (
                  <Checkbox
                    key={id}
                    name="keepPhotoIds[]"
                    value={id}
                    label={<Image src={`/county/files/${id}`} h={48} w="auto" radius="sm" alt="" />}
                  />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <FileInput
            name="photos"
            label={t("stations.evidencePhotos")}
            description={t("files.photoHint", { count: maxPhotos })}
            accept={IMAGE_ACCEPT}
            multiple
            clearable
            error={errors.field("photoIds")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
