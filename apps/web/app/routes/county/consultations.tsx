import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { stationsForConsultations } from "@rdlink/core/consultations/consultation-scope";
import { shanghaiDay } from "@rdlink/core/consultations/consultation-state";
import { listConsultations } from "@rdlink/core/consultations/list-consultations";
import { openConsultation } from "@rdlink/core/consultations/open-consultation";
import { IconPlus } from "@tabler/icons-react";
import { Link, redirect, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/consultations";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      consultations: await listConsultations(tx, ctx.actor, ctx.clock.now()),
      stations: await stationsForConsultations(tx, ctx.actor),
      today: shanghaiDay(ctx.clock.now()),
    }),
    "tenant.consultations.manage",
  );
}

/** 发起征求意见: the draft pasted or uploaded as .docx, then on to its page. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const { values, uploads } = await county.formWithFiles();
      const [file] = await uploads("file");
      const opened = await county.inTenant((tx, ctx) =>
        openConsultation(tx, ctx, values, file ? { name: file.filename, bytes: file.bytes } : null),
      );
      return redirect(`/county/consultations/${opened.id}`);
    },
    "tenant.consultations.manage",
  );
}

function NewConsultationModal({
  stations,
  today,
  onClose,
}: {
  stations: { id: string; name: string }[];
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("consultationDesk.new")} centered size="lg">
      <fetcher.Form method="post" encType="multipart/form-data">
        <Stack>
          {errors.form && (
            <Text c="red" role="alert">
              {errors.form}
            </Text>
          )}
          <Select
            name="stationId"
            label={t("consultationDesk.station")}
            data={stations.map((s) => ({ value: s.id, label: s.name }))}
            defaultValue={stations.length === 1 ? stations[0]!.id : null}
            searchable
            required
            error={errors.field("stationId")}
          />
          <TextInput
            name="title"
            label={t("consultationDesk.draftTitle")}
            description={t("consultationDesk.draftTitleHint")}
            required
            maxLength={200}
            error={errors.field("title")}
            data-autofocus
          />
          <TextInput
            name="issuingBody"
            label={t("consultationDesk.issuingBody")}
            description={t("consultationDesk.issuingBodyHint")}
            required
            maxLength={100}
            error={errors.field("issuingBody")}
          />
          <TextInput
            type="date"
            name="closesOn"
            label={t("consultationDesk.closesOn")}
            min={today}
            required
            error={errors.field("closesOn")}
          />
          <Textarea
            name="text"
            label={t("consultationDesk.text")}
            description={t("consultationDesk.textHint")}
            autosize
            minRows={4}
            maxRows={12}
            error={errors.field("text")}
          />
          <FileInput
            name="file"
            label={t("consultationDesk.file")}
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            clearable
            error={errors.field("file")}
          />
          <FormActions onCancel={onClose} submitLabel={t("consultationDesk.open")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** The contact points' consultations, newest first, with their comments and people. */
export default function Consultations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { consultations, stations, today } = loaderData;
  const [creating, create] = useDisclosure();
  return (
    <>
      <PageHeader
        title={t("consultationDesk.title")}
        intro={t("consultationDesk.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open} disabled={stations.length === 0}>
            {t("consultationDesk.new")}
          </Button>
        }
      />
      <ListTable
        minWidth={720}
        data-testid="consultations"
        empty={t("consultationDesk.none")}
        paging={{ total: consultations.length, page: 1, pageSize: Math.max(consultations.length, 1) }}
        head={
          <>
            <Table.Th>{t("consultationDesk.draftTitle")}</Table.Th>
            <Table.Th>{t("consultationDesk.station")}</Table.Th>
            <Table.Th>{t("consultationDesk.closesOn")}</Table.Th>
            <Table.Th>{t("consultationDesk.status")}</Table.Th>
            <Table.Th ta="right">{t("consultationDesk.comments")}</Table.Th>
            <Table.Th ta="right">{t("consultationDesk.people")}</Table.Th>
          </>
        }
      >
        {consultations.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/consultations/${c.id}`} fw={600}>
                {c.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {c.issuingBody}
              </Text>
            </Table.Td>
            <Table.Td>{c.stationName}</Table.Td>
            <Table.Td>{c.closesOn}</Table.Td>
            <Table.Td>
              <Badge color={c.closed ? "gray" : "green"} variant="light">
                {c.closed ? t("consultationDesk.closedStatus") : t("consultationDesk.collecting")}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{c.comments}</Table.Td>
            <Table.Td ta="right">{c.people}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {creating && <NewConsultationModal stations={stations} today={today} onClose={create.close} />}
    </>
  );
}
