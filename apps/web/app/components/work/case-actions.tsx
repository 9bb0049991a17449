import { Button, Paper, Stack, Text } from "@mantine/core";
import type { getCase } from "@rdlink/core/cases/get-case";
import { useLocalized } from "~/components/field-inputs";
import { useTranslation } from "~/lib/use-translation";
import { useActorLabel } from "./case-desk-panel";

type CaseAction = Awaited<ReturnType<typeof getCase>>["actions"][number];

/**
 * The steps this user may take, each with one line on where it leads: the one the workflow
 * expects next filled in, the others plain, a step that stays where it is (催办) subtle.
 */
export function CaseActions({ actions, onOpen }: { actions: CaseAction[]; onOpen: (event: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const actorLabel = useActorLabel();
  if (actions.length === 0) return null;
  const explain = (action: CaseAction) => {
    const { state, final, role, team } = action.leadsTo;
    if (!state) return t("work.stays");
    if (final) return t("work.leadsToFinal", { state: localized(state) });
    if (role === "citizen") return t("work.leadsToCitizen", { state: localized(state) });
    const who = team ?? (role ? actorLabel(role) : null);
    return who
      ? t("work.leadsTo", { state: localized(state), who })
      : t("work.leadsToPlain", { state: localized(state) });
  };
  const ordered = [...actions].sort((a, b) => Number(b.primary) - Number(a.primary));
  return (
    <Paper withBorder p="md" mb="md" data-testid="case-actions">
      <Stack gap="sm">
        {ordered.map((action) => (
          <div key={action.event}>
            <Button
              variant={action.primary ? "filled" : action.leadsTo.state ? "default" : "subtle"}
              onClick={() => onOpen(action.event)}
              data-primary={action.primary}
            >
              {localized(action.label)}
            </Button>
            <Text size="xs" c="dimmed" mt={2}>
              {explain(action)}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
