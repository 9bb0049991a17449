import { Anchor, Badge, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { deleteActivity } from "@rdlink/core/activities/delete-activity";
import { findActivityToChange, getActivity } from "@rdlink/core/activities/get-activity";
import { useState } from "react";
import { Form, Link, redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/ledger-entry";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getActivity(tx, ctx, args.params.activityId));
}

/** The page's one action: deleting the entry (audited). */
export function action(args: Route.ActionArgs) {
  const { activityId } = args.params;
  return countyAction(args, async (county) => {
    // Not this user's to change (or another county's): a 404 before the body is even read, so a
    // stray post without a form gets the same answer. The delete form itself has no fields.
    await county.inTenant((tx, ctx) => findActivityToChange(tx, ctx, activityId));
    await county.form();
    await county.inTenant((tx, ctx) => deleteActivity(tx, ctx, activityId));
    return redirect("/county/ledger");
  });
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
