import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { can } from "@rdlink/auth";
import { getReviewFormOptions } from "@rdlink/core/station-reviews/get-review-form-options";
import { listStationReviews } from "@rdlink/core/station-reviews/list-station-reviews";
import { openStationReview } from "@rdlink/core/station-reviews/open-station-review";
import { IconPlus } from "@tabler/icons-react";
import { Link, redirect, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-reviews";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => {
    const county = can(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
    return {
      reviews: await listStationReviews(tx, ctx),
      options: county ? await getReviewFormOptions(tx, ctx) : null,
      year: Number(ctx.clock.now().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4)),
    };
  });
}

/** 开启评审: then on to its page. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const review = await county.inTenant((tx, ctx) => openStationReview(tx, ctx, form));
      return redirect(`/county/station-reviews/${review.id}`);
    },
    "tenant.stationTypes.manage",
  );
}

type Options = NonNullable<Route.ComponentProps["loaderData"]["options"]>;

function NewReviewModal({ options, year, onClose }: { options: Options; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("stationReviews.new")} centered size="lg">
      <fetcher.Form method="post">
        <Stack>
          {errors.form && (
            <Text c="red" role="alert">
              {errors.form}
            </Text>
          )}
          <Group grow align="flex-start">
            <TextInput
              name="year"
              label={t("stationReviews.year")}
              defaultValue={year}
              required
              error={errors.field("year")}
            />
            <NativeSelect
              name="checklistId"
              label={t("stationReviews.standard")}
              data={options.standards.map((s) => ({ value: s.id, label: s.name }))}
              error={errors.field("checklistId")}
            />
          </Group>
          <TextInput
            name="title"
            label={t("stationReviews.name")}
            description={t("stationReviews.nameHint")}
            required
            maxLength={60}
            error={errors.field("title")}
            data-autofocus
          />
          <Group grow align="flex-start">
            <TextInput
              name="itemMaxScore"
              label={t("stationReviews.itemMaxScore")}
              defaultValue={10}
              inputMode="numeric"
              error={errors.field("itemMaxScore")}
            />
            <TextInput
              name="functionMaxScore"
              label={t("stationReviews.functionMaxScore")}
              defaultValue={10}
              inputMode="numeric"
              error={errors.field("functionMaxScore")}
            />
          </Group>
          <Checkbox.Group
            label={t("stationReviews.townships")}
            description={t("stationReviews.townshipsHint")}
            error={errors.field("townshipIds")}
          >
            <Group gap="sm" mt={4}>
              {options.townships.map((township) => (
                <Checkbox key={township.id} name="townshipIds[]" value={township.id} label={township.name} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox.Group
            label={t("stationReviews.reviewers")}
            description={t("stationReviews.reviewersHint")}
            error={errors.field("reviewerIds")}
          >
            <Group gap="sm" mt={4}>
              {options.reviewers.map((reviewer) => (
                <Checkbox key={reviewer.id} name="reviewerIds[]" value={reviewer.id} label={reviewer.name} />
              ))}
            </Group>
          </Checkbox.Group>
          <FormActions onCancel={onClose} submitLabel={t("stationReviews.new")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 示范站评审: the county's reviews, newest year first. */
export default function StationReviews({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { reviews, options, year } = loaderData;
  const [creating, create] = useDisclosure();
  return (
    <>
      <PageHeader
        title={t("stationReviews.title")}
        intro={t("stationReviews.intro")}
        actions={
          options && (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              {t("stationReviews.new")}
            </Button>
          )
        }
      />
      <ListTable
        minWidth={640}
        data-testid="station-reviews"
        empty={t("stationReviews.empty")}
        paging={{ total: reviews.length, page: 1, pageSize: Math.max(reviews.length, 1) }}
        head={
          <>
            <Table.Th>{t("stationReviews.name")}</Table.Th>
            <Table.Th>{t("stationReviews.year")}</Table.Th>
            <Table.Th>{t("stationReviews.standard")}</Table.Th>
            <Table.Th>{t("stationReviews.outcome")}</Table.Th>
            <Table.Th ta="right">{t("stationReviews.stations")}</Table.Th>
            <Table.Th ta="right">{t("stationReviews.models")}</Table.Th>
          </>
        }
      >
        {reviews.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/station-reviews/${r.id}`} fw={600}>
                {r.title}
              </Anchor>
            </Table.Td>
            <Table.Td>{r.year}</Table.Td>
            <Table.Td>{r.standardName}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={r.status === "open" ? "blue" : "gray"}>
                {t(`stationReviews.status.${r.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{r.stations}</Table.Td>
            <Table.Td ta="right">{r.models}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {creating && options && <NewReviewModal options={options} year={year} onClose={create.close} />}
    </>
  );
}
