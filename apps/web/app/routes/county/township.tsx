import { Anchor, Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { getTownship } from "@rdlink/core/townships/get-township";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/township";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getTownship(tx, ctx, params.townshipId)));
}

export default function Township({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { township, communities } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/townships" size="sm">
        ← {t("county.townshipsTitle")}
      </Anchor>
      <PageHeader
        title={township.name}
        intro={`${t(`townshipKinds.${township.kind}`)} · ${t("county.divisionCode")} ${township.divisionCode ?? t("county.manualEntry")}`}
        actions={
          township.archivedAt && (
            <Badge color="gray" variant="light">
              {t("common.archived")}
            </Badge>
          )
        }
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={4}>{t("county.communities")}</Title>
          {communities.length === 0 ? (
            <Text c="dimmed">{t("county.noCommunities")}</Text>
          ) : (
            <Table>
              <Table.Tbody>
                {communities.map((community) => (
                  <Table.Tr key={community.id}>
                    <Table.Td>{community.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </>
  );
}
