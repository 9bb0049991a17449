import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { getDeputy } from "@rdlink/core/deputies/get-deputy";
import { IconEdit, IconFileCertificate } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { RevealPhone } from "~/components/reveal-phone";
import { countyLoader } from "~/lib/county-route.server";
import { formatDate } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getDeputy(tx, ctx, args.params.deputyId));
}

export default function Deputy({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { deputy, townshipName, username, stations, posts, canManage, canReveal } = loaderData;
  const line = (label: string, value: React.ReactNode) => (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c="dimmed" w={88}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {value || "—"}
      </Text>
    </Group>
  );
  return (
    <>
      <Anchor component={Link} to="/county/deputies" size="sm">
        ← {t("deputies.title")}
      </Anchor>
      <PageHeader
        title={deputy.name}
        intro={`${t(`deputies.levels.${deputy.level}`)}${t("deputies.deputySuffix")} · ${townshipName}`}
        actions={
          canManage && (
            <Group gap="sm">
              <Button
                component={Link}
                to={`/county/deputies/${deputy.id}/record`}
                variant="light"
                leftSection={<IconFileCertificate size={16} />}
              >
                {t("deputyRecords.open")}
              </Button>
              <Button
                component={Link}
                to={`/county/deputies/${deputy.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} />}
              >
                {t("common.edit")}
              </Button>
            </Group>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Stack gap={6}>
            {line(t("deputies.term"), deputy.term)}
            {line(t("deputies.constituency"), deputy.constituency)}
            {line(t("deputies.sector"), deputy.sector)}
            {line(
              t("deputies.tags"),
              deputy.tags.length > 0 && (
                <Group gap={4}>
                  {deputy.tags.map((tag) => (
                    <Badge key={tag} variant="light" size="sm">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              ),
            )}
            {line(t("deputies.gender"), deputy.gender && t(`deputies.genders.${deputy.gender}`))}
            {line(
              t("deputies.phone"),
              deputy.phone && (canReveal ? <RevealPhone deputyId={deputy.id} masked={deputy.phone} /> : deputy.phone),
            )}
            {line(t("deputies.account"), username)}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t("deputies.stations")}
          </Title>
          {stations.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("deputies.noStations")}
            </Text>
          )}
          <Stack gap={4}>
            {stations.map((station) => (
              <Text key={station.id} size="sm">
                <Anchor component={Link} to={`/county/stations/${station.id}`}>
                  {station.name}
                </Anchor>
                {station.isHead && ` · ${t("stations.head")}`}
              </Text>
            ))}
          </Stack>
          <Title order={5} mt="md" mb="xs">
            {t("deputies.posts")}
          </Title>
          {posts.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("deputies.noPosts")}
            </Text>
          )}
          <Stack gap={4} data-testid="deputy-posts">
            {posts.map((post) => (
              <Text key={post.id} size="sm">
                <Anchor component={Link} to={`/county/stations/${post.stationId}/posts/${post.postId}`} fw={600}>
                  {post.postName}
                </Anchor>
                {` · ${post.stationName} · ${t("stations.since")} ${post.since ? formatDate(post.since, i18n.language) : ""}`}
              </Text>
            ))}
          </Stack>
        </Paper>
      </SimpleGrid>
    </>
  );
}
