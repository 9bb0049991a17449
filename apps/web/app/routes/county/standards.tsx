import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { createChecklist } from "@rdlink/core/checklists/create-checklist";
import { listChecklists } from "@rdlink/core/checklists/list-checklists";
import { updateChecklist } from "@rdlink/core/checklists/update-checklist";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/standards";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({ standards: await listChecklists(tx, ctx) }),
    "tenant.stationTypes.manage",
  );
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      create: (tx, ctx, form) => createChecklist(tx, ctx, form),
      update: (tx, ctx, form) => updateChecklist(tx, ctx, form),
    },
    "tenant.stationTypes.manage",
  );
}

type Standard = Route.ComponentProps["loaderData"]["standards"][number];

function StandardModal({ standard, onClose }: { standard: Standard | "new"; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const existing = standard === "new" ? null : standard;
  return (
    <Modal opened onClose={onClose} title={existing ? existing.name : t("standards.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={existing ? "update" : "create"} />
          {existing && <input type="hidden" name="checklistId" value={existing.id} />}
          <TextInput
            name="name"
            label={t("common.name")}
            defaultValue={existing?.name}
            placeholder="七有"
            required
            error={errors.field("name")}
            data-autofocus
          />
          <Textarea
            name="items"
            label={t("standards.items")}
            description={t("standards.itemsHint")}
            defaultValue={existing?.items.join("\n")}
            autosize
            minRows={6}
            required
            error={errors.field("items")}
          />
          {existing && (
            <Switch name="archived" label={t("common.archived")} defaultChecked={existing.archivedAt !== null} />
          )}
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function Standards({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Standard | "new" | null>(null);
  return (
    <>
      <PageHeader
        title={t("standards.title")}
        intro={t("standards.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
            {t("standards.new")}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {loaderData.standards.map((standard) => (
          <Paper key={standard.id} withBorder p="md" data-testid={`standard-${standard.name}`}>
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Title order={4}>{standard.name}</Title>
                {standard.archivedAt && (
                  <Badge color="gray" variant="light">
                    {t("common.archived")}
                  </Badge>
                )}
              </Group>
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing(standard)}>
                {t("common.edit")}
              </Button>
            </Group>
            <Group gap={6} mb="xs">
              {standard.items.map((item) => (
                <Badge key={item} variant="light" color="red">
                  {item}
                </Badge>
              ))}
            </Group>
            <Text size="sm" c="dimmed">
              {standard.typeNames.length
                ? t("standards.usedBy", { types: standard.typeNames.join("、") })
                : t("standards.unused")}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {editing && <StandardModal standard={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
