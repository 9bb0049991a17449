import { Anchor, Group, Image, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "~/lib/use-translation";
import type { StationPageData } from "./station-page-data";

/** The station's QR code and public code, with its downloads, poster and public page. */
export function StationQrCard({ data }: { data: StationPageData }) {
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
