import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { listTemplateProposals } from "@rdlink/core/templates/list-template-proposals";
import { useFetcher } from "react-router";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import { DrawingComparison } from "./workflow-drawing-comparison";

type Review = Awaited<ReturnType<typeof listTemplateProposals>>;
type Proposal = Review["proposals"][number];
type Answer = { ok: boolean; intent?: string; formError?: string; fieldErrors?: Record<string, string> };

const STATUS_COLOR = { pending: "blue", adopted: "green", declined: "gray" } as const;
/** A workflow no set has yet: everything in the county's drawing is new to the set. */
const NOTHING_DRAWN = { definition: { states: {} }, layout: {} };

/** The library page's review of what counties proposed: the waiting ones with their answer form, then the answered. */
export function TemplateProposals({ review }: { review: Review }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" mb="xl" data-testid="template-proposals">
      <Title order={2} size="h4">
        {t("templates.proposalsTitle")}
      </Title>
      <Text size="sm" c="dimmed" mt="xs" mb="md">
        {t("templates.proposalsIntro")}
      </Text>
      {review.proposals.length === 0 && <Text c="dimmed">{t("templates.noProposals")}</Text>}
      <Stack gap="sm">
        {review.proposals.map((proposal) => (
          <ProposalCard key={proposal.id} proposal={proposal} sets={review.sets} />
        ))}
      </Stack>
    </Paper>
  );
}

function ProposalCard({ proposal, sets }: { proposal: Proposal; sets: Review["sets"] }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<Answer>();
  const errors = useFormErrors(fetcher.data);
  const at = (date: Date | string) => formatDateTime(date, i18n.language);
  const name = proposal.name["zh-CN"] ?? "";
  // The set that already has this workflow is the likely home; the comparison is with its copy.
  const home = proposal.inSets[0];
  return (
    <Paper withBorder p="md" data-testid="template-proposal">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dimmed">
            {t("templates.proposalFrom", {
              county: proposal.county,
              version: proposal.fromVersion,
              by: proposal.proposedByName,
              at: at(proposal.proposedAt),
            })}
          </Text>
        </div>
        <Badge color={STATUS_COLOR[proposal.status]} variant="light">
          {t(`templates.proposalStatus.${proposal.status}`)}
        </Badge>
      </Group>
      {proposal.note && (
        <Text size="sm" mt={4}>
          {t("templates.proposalNote")}：{proposal.note}
        </Text>
      )}
      <DrawingComparison
        title={t("templates.proposalDrawingTitle", { name, county: proposal.county })}
        before={home ?? NOTHING_DRAWN}
        after={proposal}
      />
      {proposal.status === "pending" ? (
        <fetcher.Form method="post">
          <input type="hidden" name="proposalId" value={proposal.id} />
          <Stack gap="xs" mt="sm">
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            <Group align="flex-end" wrap="wrap" gap="sm">
              <NativeSelect
                name="setId"
                label={t("templates.adoptInto")}
                defaultValue={home?.setId ?? sets[0]?.id}
                data={sets.map((set) => ({ value: set.id, label: set.name }))}
                error={errors.field("setId")}
              />
              <TextInput
                name="reviewNote"
                label={t("templates.reviewNoteLabel")}
                maxLength={500}
                error={errors.field("reviewNote")}
                style={{ flex: 1, minWidth: 220 }}
              />
            </Group>
            <Group justify="flex-end" gap="xs">
              <Button type="submit" name="intent" value="decline" variant="default" loading={fetcher.state !== "idle"}>
                {t("templates.decline")}
              </Button>
              <Button type="submit" name="intent" value="adopt" loading={fetcher.state !== "idle"}>
                {t("templates.adopt")}
              </Button>
            </Group>
          </Stack>
        </fetcher.Form>
      ) : (
        <Text size="sm" mt="xs" c="dimmed">
          {t("templates.proposalAnswered", {
            status: t(`templates.proposalStatus.${proposal.status}`),
            by: proposal.reviewedBy ?? "",
            at: proposal.reviewedAt ? at(proposal.reviewedAt) : "",
          })}
          {proposal.adoptedInto ? ` · ${proposal.adoptedInto}` : ""}
          {proposal.reviewNote ? ` · ${proposal.reviewNote}` : ""}
        </Text>
      )}
    </Paper>
  );
}
