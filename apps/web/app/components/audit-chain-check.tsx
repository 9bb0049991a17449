import { Alert, Button, Group, Text } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { useFetcher } from "react-router";
import { useTranslation } from "~/lib/use-translation";

type ChainReport = { rows: number; broken: number[] };

/**
 * "校验审计链": posts the page's `verify` intent and says what the walk found — the chain intact,
 * or the first record that no longer checks out.
 */
export function AuditChainCheck() {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: true; report: ChainReport }>();
  const report = fetcher.state === "idle" ? fetcher.data?.report : undefined;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="verify" />
      <Group gap="sm" mb="md">
        <Button
          type="submit"
          variant="default"
          leftSection={<IconShieldCheck size={16} />}
          loading={fetcher.state !== "idle"}
        >
          {t("auditChain.verify")}
        </Button>
        <Text size="sm" c="dark.6">
          {t("auditChain.verifyHint")}
        </Text>
      </Group>
      {report && (
        <Alert color={report.broken.length === 0 ? "green" : "red"} mb="md" role="status" data-testid="audit-chain">
          {report.broken.length === 0
            ? t("auditChain.intact", { rows: report.rows })
            : t("auditChain.broken", { seq: report.broken[0]!, count: report.broken.length })}
        </Alert>
      )}
    </fetcher.Form>
  );
}
