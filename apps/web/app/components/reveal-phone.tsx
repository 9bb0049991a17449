import { Button, Group, Text } from "@mantine/core";
import { useFetcher } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/**
 * A masked number with a button that asks the deputies page's action for the full one.
 * The reveal is deliberate and audited; pages never hold full numbers otherwise.
 */
export function RevealPhone({ deputyId, masked }: { deputyId: string; masked: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: true; phone: string | null } | { ok: false }>();
  if (fetcher.data?.ok) return <Text ff="monospace">{fetcher.data.phone}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text ff="monospace">{masked}</Text>
      <fetcher.Form method="post" action="/county/deputies">
        <input type="hidden" name="deputyId" value={deputyId} />
        <Button type="submit" size="compact-xs" variant="subtle" loading={fetcher.state !== "idle"}>
          {t("deputies.reveal")}
        </Button>
      </fetcher.Form>
    </Group>
  );
}
