import { Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** What the server renders: the designer's frame, until the canvas has loaded in the browser. */
export function DesignerSkeleton({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm" data-testid="designer-skeleton">
      <Group justify="space-between">
        <Title order={1} size="h3">
          {name}
        </Title>
        <Text c="dimmed" size="sm">
          {t("designer.loading")}
        </Text>
      </Group>
      <Skeleton h={36} />
      <Group align="stretch" style={{ flex: 1 }} wrap="nowrap">
        <Paper withBorder style={{ flex: 1 }}>
          <Skeleton h="100%" />
        </Paper>
        <Skeleton w={340} visibleFrom="md" />
      </Group>
    </Stack>
  );
}
