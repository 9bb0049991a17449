import { Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch";

/** The frame of the public pages citizens open on their phones: a station's form, tracking. */
export function PublicFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="md" py="xs" bg="red.8" wrap="nowrap">
        <Text c="white" fw={700}>
          {t("app.name")}
        </Text>
        <Box bg="white" style={{ borderRadius: 4 }}>
          <LanguageSwitch />
        </Box>
      </Group>
      <Container size={560} px="sm" py="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap={2} mb="md">
            <Title order={3}>{title}</Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
