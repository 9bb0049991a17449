import { Anchor, Button, Group, Paper, SimpleGrid, Text } from "@mantine/core";
import { getDeputyRecord } from "@rdlink/core/deputy-records/get-deputy-record";
import { RECORD_FIGURES } from "@rdlink/core/deputy-records/record-labels";
import { IconPrinter } from "@tabler/icons-react";
import { Link } from "react-router";
import { DeputyScore } from "~/components/deputy-score";
import { PageHeader } from "~/components/page-header";
import { RecordYearPicker } from "~/components/record-year-picker";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-record";

export function loader(args: Route.LoaderArgs) {
  const year = new URL(args.request.url).searchParams.get("year") ?? undefined;
  return countyLoader(args, (tx, ctx) => getDeputyRecord(tx, ctx, { deputyId: args.params.deputyId, year }));
}

/** 履职档案: a deputy's year in figures, each counted from what was recorded anyway; their own on a phone too. */
export default function DeputyRecord({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { deputy, year, record, thisYear, own, score } = loaderData;
  return (
    <>
      {!own && (
        <Anchor component={Link} to={`/county/deputies/${deputy.id}`} size="sm">
          ← {deputy.name}
        </Anchor>
      )}
      <PageHeader
        title={own ? t("deputyRecords.mine") : t("deputyRecords.recordTitle", { name: deputy.name })}
        intro={t("deputyRecords.recordIntro", {
          year,
          level: t(`deputies.levels.${deputy.level}`),
          township: deputy.townshipName,
        })}
        actions={
          <Button
            component={Link}
            to={`/county/deputies/${deputy.id}/report?year=${year}`}
            variant="light"
            leftSection={<IconPrinter size={16} />}
          >
            {t("deputyRecords.print")}
          </Button>
        }
      />
      <Group mb="md">
        <RecordYearPicker year={year} thisYear={thisYear} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} data-testid="deputy-record">
        {RECORD_FIGURES.map(({ key }) => (
          <Paper key={key} withBorder p="sm" data-record={key}>
            <Text size="xs" c="dark.6">
              {t(`deputyRecords.figures.${key}`)}
            </Text>
            <Text fz={26} fw={700} c="red.9" data-testid="record-value">
              {record[key].toLocaleString()}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <DeputyScore score={score} own={own} />
      <Text size="sm" c="dark.6" mt="md">
        {t("deputyRecords.sources")}
      </Text>
    </>
  );
}
