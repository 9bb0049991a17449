import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { FieldValue, useLocalized } from "~/components/field-inputs";
import { useTranslation } from "~/lib/use-translation";
import type { StationPageData } from "./station-page-data";

/** The station's head, liaisons, address, map point and its type's own fields. */
export function StationDetails({ data }: { data: StationPageData }) {
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
