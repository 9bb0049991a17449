import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { ValidationError } from "@rdlink/core/shared/errors";
import { createTemplateSet } from "@rdlink/core/templates/create-template-set";
import { listTemplateProposals } from "@rdlink/core/templates/list-template-proposals";
import { listTemplateSets } from "@rdlink/core/templates/list-template-sets";
import { reviewTemplateProposal } from "@rdlink/core/templates/review-template-proposal";
import { Form, Link, redirect, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { TemplateProposals } from "~/components/template-proposals";
import { readForm } from "~/lib/actions.server";
import { formatDate } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/templates";

export function loader(args: Route.LoaderArgs) {
  return platformLoader(args, (platform) =>
    platform.outsideTenants(async (tx, ctx) => ({
      sets: await listTemplateSets(tx, ctx),
      review: await listTemplateProposals(tx, ctx),
    })),
  );
}

/** A new set (`create`), and the answer to a county's proposal (`adopt` into a set's draft, or `decline`). */
export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform) => {
    const { intent, ...form } = await readForm(platform.request);
    if (intent === "create") {
      const { setId } = await platform.outsideTenants((tx, ctx) => createTemplateSet(tx, ctx, form));
      return redirect(`/platform/templates/${setId}`);
    }
    if (intent === "adopt" || intent === "decline") {
      await platform.outsideTenants((tx, ctx) => reviewTemplateProposal(tx, ctx, { ...form, decision: intent }));
      return { ok: true as const, intent };
    }
    throw new ValidationError({}, "errors.unknownIntent");
  });
}

export default function Templates({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const { sets, review } = loaderData;
  const published = sets.filter((set) => set.latestVersion !== null);
  return (
    <>
      <PageHeader title={t("templates.title")} intro={t("templates.intro")} />
      <Paper withBorder mb="xl">
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("templates.name")}</Table.Th>
                <Table.Th>{t("templates.latestVersion")}</Table.Th>
                <Table.Th>{t("templates.counties")}</Table.Th>
                <Table.Th>{t("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sets.map((set, index) => (
                <Table.Tr key={set.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/platform/templates/${set.id}`} fw={600}>
                      {set.name}
                      {index === 0 ? t("templates.defaultSet") : ""}
                    </Anchor>
                    {set.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {set.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {set.latestVersion === null
                      ? t("templates.notPublished")
                      : `${t("templates.versionLabel", { version: set.latestVersion })} · ${formatDate(set.publishedAt!, i18n.language)}`}
                  </Table.Td>
                  <Table.Td>{t("templates.countiesCount", { count: set.counties })}</Table.Td>
                  <Table.Td>
                    <Badge color={set.unpublishedChanges ? "orange" : "green"} variant="light">
                      {set.unpublishedChanges ? t("templates.unpublishedChanges") : t("templates.upToDate")}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <TemplateProposals review={review} />

      <Paper withBorder p="lg" maw={720}>
        <Form method="post">
          <input type="hidden" name="intent" value="create" />
          <Stack>
            <Title order={2} size="h4">
              {t("templates.create")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("templates.createIntro")}
            </Text>
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            <TextInput name="name" label={t("templates.name")} required maxLength={60} error={errors.field("name")} />
            <Textarea
              name="description"
              label={t("templates.description")}
              autosize
              minRows={2}
              maxLength={500}
              error={errors.field("description")}
            />
            <Select
              name="copyFromSetId"
              label={t("templates.copyFrom")}
              data={published.map((set) => ({ value: set.id, label: set.name }))}
              defaultValue={published[0]?.id}
              allowDeselect={false}
              required
              error={errors.field("copyFromSetId")}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t("templates.create")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </>
  );
}
