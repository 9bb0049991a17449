import { Anchor, Badge, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { deleteActivity } from "@rdlink/core/activities/delete-activity";
import { getActivity } from "@rdlink/core/activities/get-activity";
import { getDatabase } from "@rdlink/db";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/ledger-entry";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getActivity(tx, ctx, params.activityId)));
}

/** The page's one action: deleting the entry (audited). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  try {
    await getDatabase().withTenant(tenantId, (tx) => deleteActivity(tx, ctx, params.activityId));
    return redirect("/county/ledger");
  } catch (error) {
    return failureResponse(error);
  }
}

export default function LedgerEntry({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { activity, stationName, townshipName, deputies, postName, recordedByName, canEdit } = loaderData;
  const [confirming, setConfirming] = useState(false);
  const figures = (["peopleReceived", "disputesMediated", "jobsArranged"] as const).filter((f) => activity[f] > 0);
  return (
    <>
      <Anchor component={Link} to="/county/ledger" size="sm">
        ← {t("ledger.title")}
      </Anchor>
      <PageHeader
        title={`${t(`ledger.kinds.${activity.kind}`)} · ${activity.day}`}
        intro={`${stationName} · ${townshipName}`}
        actions={
          canEdit && (
            <Group gap="xs">
              <Button component={Link} to={`/county/ledger/${activity.id}/edit`} variant="default">
                {t("ledger.edit")}
              </Button>
              {confirming ? (
                <Form method="post">
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {t("ledger.deleteHint")}
                    </Text>
                    <Button type="submit" color="red">
                      {t("ledger.delete")}
                    </Button>
                  </Group>
                </Form>
              ) : (
                <Button variant="subtle" color="gray" onClick={() => setConfirming(true)}>
                  {t("ledger.delete")}
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <Group gap="xs" mb="sm">
            <Badge variant="light">{t(`ledger.kinds.${activity.kind}`)}</Badge>
            {postName && <Badge variant="outline">{postName}</Badge>}
            {figures.map((f) => (
              <Badge key={f} color="gray" variant="light" data-testid={`entry-${f}`}>
                {t(`ledger.${f}`)}：{activity[f]}
              </Badge>
            ))}
          </Group>
          <Text style={{ whiteSpace: "pre-wrap" }} data-testid="entry-summary">
            {activity.summary}
          </Text>
          <Text size="sm" c="dimmed" mt="sm">
            {t("ledger.deputies")}：{deputies.length ? deputies.map((d) => d.name).join("、") : t("ledger.noDeputies")}
          </Text>
          {recordedByName && (
            <Text size="sm" c="dimmed">
              {t("ledger.recordedBy")}：{recordedByName}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t("ledger.photos")}
          </Title>
          {activity.photoIds.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("ledger.noPhotos")}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 2, sm: 3 }} data-testid="entry-photos">
              {activity.photoIds.map((id) => (
                <Anchor key={id} href={`/county/files/${id}`} target="_blank">
                  <Image src={`/county/files/${id}`} radius="sm" h={180} fit="cover" alt={t("ledger.photos")} />
                </Anchor>
              ))}
            </SimpleGrid>
          )}
        </Paper>
      </Stack>
    </>
  );
}
