import { Anchor, Badge, Button, Paper, Table, Text } from "@mantine/core";
import { listWorkflows } from "@rdlink/core/workflows/list-workflows";
import { IconPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/workflows";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({ workflows: await listWorkflows(tx, ctx) }));
}

export default function Workflows({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <PageHeader
        title={t("workflows.title")}
        intro={t("workflows.intro")}
        actions={
          <Button component={Link} to="/county/workflows/new" leftSection={<IconPlus size={16} />}>
            {t("workflows.new")}
          </Button>
        }
      />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="workflows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("workflows.name")}</Table.Th>
                <Table.Th>{t("workflows.latestVersion")}</Table.Th>
                <Table.Th>{t("workflows.runningCases")}</Table.Th>
                <Table.Th>{t("workflows.draftUpdatedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loaderData.workflows.map((workflow) => (
                <Table.Tr key={workflow.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/county/workflows/${workflow.id}`} fw={600}>
                      {workflow.name["zh-CN"] ?? workflow.key}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {workflow.latestVersion ? (
                      <Badge variant="light">{t("workflows.versionN", { version: workflow.latestVersion })}</Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        {t("workflows.unpublished")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{workflow.runningCases}</Table.Td>
                  <Table.Td>{formatDateTime(workflow.draftUpdatedAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {loaderData.workflows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("workflows.empty")}
          </Text>
        )}
      </Paper>
    </>
  );
}
