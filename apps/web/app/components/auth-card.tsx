import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "~/lib/use-translation";
import { DocumentTitle } from "./document-title";
import { LanguageSwitch } from "./language-switch";

/** The frame of the pages a signed-out person sees: sign-in, invitation. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: React.ReactNode;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <DocumentTitle title={title} />
      <Group component="header" justify="space-between" px="md" py="sm" bg="red.9">
        <Text c="white" fw={700} size="lg">
          {t("app.name")}
        </Text>
        <Box bg="white" style={{ borderRadius: 4 }}>
          <LanguageSwitch />
        </Box>
      </Group>
      <Center component="main" px="md" py={48}>
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
      </Center>
      <Text ta="center" size="xs" c="dimmed" pb="lg">
        {t("app.tagline")}
      </Text>
    </Box>
  );
}
