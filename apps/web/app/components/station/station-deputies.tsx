import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "react-router";
import { DeputyPicker } from "~/components/deputy-picker";
import { useTranslation } from "~/lib/use-translation";
import type { StationPageData } from "./station-page-data";

/** The deputies in station; a manager assigns more or removes one (never the head). */
export function StationDeputies({ data }: { data: StationPageData }) {
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
          {/* The button under the picker: beside it, in a narrow card, it was cut or overflowed. */}
          <Stack mt="sm" gap="xs" align="flex-start">
            {/* Searched on the server: a township may have more deputies than a list can hold. */}
            <div style={{ width: "100%" }}>
              <DeputyPicker
                key={deputies.length}
                name="deputyId"
                label={t("stations.assignDeputy")}
                townshipId={station.townshipId}
                notInStationId={station.id}
                description={t("stations.assignDeputyHint")}
              />
            </div>
            <Button type="submit" name="intent" value="assign" size="sm" loading={busy}>
              {t("stations.assignDeputy")}
            </Button>
          </Stack>
        </Form>
      )}
    </Paper>
  );
}
