import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { Form, useNavigation } from "react-router";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

const LEVELS = ["national", "provincial", "municipal", "county", "township"] as const;

export type DeputyFormOptions = {
  townships: { id: string; name: string }[];
  accounts: { userId: string; displayName: string; username: string; linked: boolean }[];
};

export type DeputyFormValues = {
  name: string;
  level: (typeof LEVELS)[number];
  term: string | null;
  constituency: string | null;
  townshipId: string;
  sector: string | null;
  tags: string[];
  gender: "male" | "female" | null;
  userId: string | null;
  /** Masked: the form never holds a full number. */
  phone: string | null;
};

/** Adding and editing a deputy share one form; an existing phone number is only replaced or cleared, never shown. */
export function DeputyForm({
  options,
  deputy,
  errors,
  submitLabel,
}: {
  options: DeputyFormOptions;
  deputy?: DeputyFormValues;
  errors: ReturnType<typeof useFormErrors>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const accounts = options.accounts
    .filter((a) => !a.linked || a.userId === deputy?.userId)
    .map((a) => ({ value: a.userId, label: `${a.displayName}（${a.username}）` }));
  return (
    <Form method="post">
      <Paper withBorder p="lg" maw={760}>
        <Stack>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              name="name"
              label={t("deputies.name")}
              defaultValue={deputy?.name}
              required
              error={errors.field("name")}
            />
            <Select
              name="level"
              label={t("deputies.level")}
              data={LEVELS.map((level) => ({ value: level, label: t(`deputies.levels.${level}`) }))}
              defaultValue={deputy?.level ?? "county"}
              allowDeselect={false}
              error={errors.field("level")}
            />
            <Select
              name="townshipId"
              label={t("deputies.township")}
              data={options.townships.map((x) => ({ value: x.id, label: x.name }))}
              defaultValue={deputy?.townshipId ?? (options.townships.length === 1 ? options.townships[0]!.id : null)}
              searchable
              required
              error={errors.field("townshipId")}
            />
            <Select
              name="gender"
              label={t("deputies.gender")}
              data={[
                { value: "male", label: t("deputies.genders.male") },
                { value: "female", label: t("deputies.genders.female") },
              ]}
              defaultValue={deputy?.gender ?? null}
              clearable
            />
            <TextInput
              name="term"
              label={t("deputies.term")}
              placeholder="第十八届"
              defaultValue={deputy?.term ?? ""}
              error={errors.field("term")}
            />
            <TextInput
              name="constituency"
              label={t("deputies.constituency")}
              defaultValue={deputy?.constituency ?? ""}
              error={errors.field("constituency")}
            />
            <TextInput
              name="sector"
              label={t("deputies.sector")}
              defaultValue={deputy?.sector ?? ""}
              error={errors.field("sector")}
            />
            <TextInput
              name="tags"
              label={t("deputies.tags")}
              description={t("deputies.tagsHint")}
              defaultValue={deputy?.tags.join("、")}
              error={errors.field("tags")}
            />
            <TextInput
              name="phone"
              type="tel"
              label={t("deputies.phone")}
              placeholder={deputy?.phone ?? undefined}
              description={deputy?.phone ? t("deputies.phoneKeepHint") : undefined}
              error={errors.field("phone")}
            />
            <Select
              name="userId"
              label={t("deputies.account")}
              description={t("deputies.accountHint")}
              data={accounts}
              defaultValue={deputy?.userId ?? null}
              searchable
              clearable
              error={errors.field("userId")}
            />
          </SimpleGrid>
          {deputy && (
            <Group>
              {deputy.phone && <Switch name="clearPhone" label={t("deputies.clearPhone")} />}
              <Switch name="archived" label={t("deputies.archive")} />
            </Group>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Form>
  );
}
