import { Group, Stack, Text, Title } from "@mantine/core";
import { DocumentTitle } from "./document-title";

/** A signed-in page's heading (its one h1, which also names the browser tab), intro and actions. */
export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: React.ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <DocumentTitle title={title} />
      <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro && (
          <Text c="dimmed" size="sm">
            {intro}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}
