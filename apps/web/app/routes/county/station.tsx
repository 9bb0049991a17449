import {
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { claimPost } from "@rdlink/core/posts/claim-post";
import { decideClaim } from "@rdlink/core/posts/decide-claim";
import { assignDeputy } from "@rdlink/core/stations/assign-deputy";
import { getStation } from "@rdlink/core/stations/get-station";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/station";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getStation(tx, ctx, params.stationId)));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const { intent, ...form } = await readForm(request);
  const stationId = params.stationId;
  try {
    await getDatabase().withTenant(tenantId, async (tx) => {
      await getStation(tx, ctx, stationId); // 404 unless the actor may see this station
      if (intent === "assign") await assignDeputy(tx, ctx, { stationId, deputyId: form.deputyId });
      else if (intent === "claim")
        await claimPost(tx, ctx, { stationId, postId: form.postId, statement: form.statement });
      else await decideClaim(tx, ctx, { claimId: form.claimId, decision: intent, note: form.note });
    });
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function Station({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const {
    station,
    typeName,
    townshipName,
    fields,
    liaisons,
    posts,
    deputies,
    assignable,
    canManage,
    canDecide,
    myDeputyId,
  } = loaderData;
  const qr = (format: string) => `/county/stations/${station.id}/qr/${format}`;
  const date = (value: string | Date | null) => (value ? new Date(value).toLocaleDateString(i18n.language) : "");
  return (
    <>
      <Anchor component={Link} to="/county/stations" size="sm">
        ← {t("stations.title")}
      </Anchor>
      <PageHeader
        title={station.name}
        intro={`${typeName} · ${townshipName}${station.address ? ` · ${station.address}` : ""}`}
        actions={<Badge variant="light">{t(`stations.statuses.${station.status}`)}</Badge>}
      />
      {[errors.form, ...errors.all].filter(Boolean).map((message) => (
        <Text c="red" key={message} role="alert" mb="sm">
          {message}
        </Text>
      ))}
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="md">
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t("stations.liaisons")}
          </Title>
          <Text size="sm">{liaisons.map((l) => l.displayName).join("、")}</Text>
          {station.receptionSchedule && (
            <Text size="sm" c="dimmed" mt="xs">
              {t("stations.schedule")}：{station.receptionSchedule}
            </Text>
          )}
          {station.partners.length > 0 && (
            <Text size="sm" c="dimmed">
              {t("stations.partners")}：{station.partners.join("、")}
            </Text>
          )}
          {fields.length > 0 && (
            <Stack gap={2} mt="sm" data-testid="station-fields">
              {fields.map((field) => (
                <Text size="sm" key={field.key} c={field.removed ? "dimmed" : undefined}>
                  {field.label["zh-CN"]}：{String(field.value ?? "—")} {field.removed ? t("stations.removedField") : ""}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t("stations.deputies")}
          </Title>
          <Text size="sm" data-testid="station-deputies">
            {deputies.length ? deputies.map((d) => d.name).join("、") : t("stations.noDeputies")}
          </Text>
          {canManage && assignable.length > 0 && (
            <Form method="post">
              <Group align="flex-end" mt="sm" gap="xs">
                <Select
                  name="deputyId"
                  data={assignable.map((d) => ({ value: d.id, label: d.name }))}
                  searchable
                  aria-label={t("stations.assignDeputy")}
                  placeholder={t("stations.assignDeputy")}
                  style={{ flex: 1 }}
                />
                <Button type="submit" name="intent" value="assign" size="sm" loading={busy}>
                  {t("stations.assignDeputy")}
                </Button>
              </Group>
            </Form>
          )}
        </Paper>
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
      </SimpleGrid>
      <Paper withBorder>
        <Title order={4} p="md">
          {t("stations.posts")}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="station-posts">
            <Table.Tbody>
              {posts.map((post) => (
                <Table.Tr key={post.id} data-testid={`post-${post.name}`}>
                  <Table.Td fw={600} w={140}>
                    {post.name}
                  </Table.Td>
                  <Table.Td>
                    {post.holders.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t("stations.vacant")}
                      </Text>
                    )}
                    {post.holders.map((holder) => (
                      <Text size="sm" key={holder.id}>
                        {holder.deputyName}（{t("stations.since")} {date(holder.since)}）：{holder.statement}
                      </Text>
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
                    {myDeputyId && !post.holders.some((h) => h.deputyName) && post.pending.length === 0 && (
                      <Form method="post">
                        <input type="hidden" name="postId" value={post.id} />
                        <Group gap="xs" align="flex-end" wrap="nowrap">
                          <Textarea
                            name="statement"
                            aria-label={`${post.name} ${t("stations.statement")}`}
                            placeholder={t("stations.statement")}
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
      </Paper>
    </>
  );
}
