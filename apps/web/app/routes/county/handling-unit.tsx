import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { addHandlingUnitContact } from "@rdlink/core/handling-units/add-handling-unit-contact";
import { editHandlingUnit } from "@rdlink/core/handling-units/edit-handling-unit";
import { editHandlingUnitContact } from "@rdlink/core/handling-units/edit-handling-unit-contact";
import { getHandlingUnit } from "@rdlink/core/handling-units/get-handling-unit";
import { removeHandlingUnitContact } from "@rdlink/core/handling-units/remove-handling-unit-contact";
import { revealContactPhone } from "@rdlink/core/handling-units/reveal-contact-phone";
import { setHandlingUnitArchived } from "@rdlink/core/handling-units/set-handling-unit-archived";
import { ValidationError } from "@rdlink/core/shared/errors";
import { inviteUser } from "@rdlink/core/users/invite-user";
import { getDatabase } from "@rdlink/db";
import { IconPlus, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { HandlingUnitFields } from "~/components/handling-unit-fields";
import { InvitationLink } from "~/components/invitation-link";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { useFormErrors } from "~/lib/form-errors";
import { invitationUrl } from "~/lib/urls";
import type { Route } from "./+types/handling-unit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getHandlingUnit(tx, ctx, params.unitId)));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const { intent, contactId, ...form } = await readForm(request);
  const unitId = params.unitId;
  try {
    return await getDatabase().withTenant(tenantId, async (tx) => {
      const unit = await getHandlingUnit(tx, ctx, unitId); // not found: another county's unit
      switch (intent) {
        case "edit":
          await editHandlingUnit(tx, ctx, unitId, form);
          break;
        case "archive":
        case "restore":
          await setHandlingUnitArchived(tx, ctx, unitId, intent === "archive");
          break;
        case "addContact":
          await addHandlingUnitContact(tx, ctx, unitId, form);
          break;
        case "editContact":
          await editHandlingUnitContact(tx, ctx, ownContact(unit, contactId), form);
          break;
        case "removeContact":
          await removeHandlingUnitContact(tx, ctx, ownContact(unit, contactId));
          break;
        case "reveal":
          return { ok: true as const, phone: await revealContactPhone(tx, ctx, ownContact(unit, contactId)) };
        case "invite": {
          const { invitationToken } = await inviteUser(tx, ctx, {
            ...form,
            role: "handling_unit_responder",
            handlingUnitId: unitId,
          });
          return { ok: true as const, invitationUrl: invitationUrl(request, invitationToken) };
        }
        default:
          throw new ValidationError({}, "errors.unknownIntent");
      }
      return { ok: true as const };
    });
  } catch (error) {
    return failureResponse(error);
  }
}

/** Contacts are changed through their unit's page only: another unit's contact id is not found here. */
function ownContact(unit: { contacts: { id: string }[] }, contactId: unknown): string {
  const contact = unit.contacts.find((c) => c.id === contactId);
  return contact?.id ?? "not-this-unit";
}

type Contact = Route.ComponentProps["loaderData"]["contacts"][number];

function ContactModal({ contact, onClose }: { contact?: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal
      opened
      onClose={onClose}
      title={contact ? t("handlingUnits.editContact") : t("handlingUnits.addContact")}
      centered
    >
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={contact ? "editContact" : "addContact"} />
          {contact && <input type="hidden" name="contactId" value={contact.id} />}
          <TextInput
            name="name"
            label={t("handlingUnits.contactName")}
            defaultValue={contact?.name}
            required
            error={errors.field("name")}
            data-autofocus
          />
          <TextInput
            name="title"
            label={t("handlingUnits.contactTitle")}
            defaultValue={contact?.title ?? ""}
            error={errors.field("title")}
          />
          <TextInput
            name="phone"
            type="tel"
            label={t("handlingUnits.contactPhone")}
            placeholder={contact?.phone ?? ""}
            description={contact ? t("handlingUnits.phoneKeepHint") : undefined}
            error={errors.field("phone")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

function EditUnitModal({ unit, onClose }: { unit: Route.ComponentProps["loaderData"]["unit"]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={t("handlingUnits.edit")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="edit" />
          <HandlingUnitFields errors={errors} unit={unit} />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

function InviteStaffModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const link = fetcher.data && "invitationUrl" in fetcher.data ? fetcher.data.invitationUrl : null;
  return (
    <Modal opened onClose={onClose} title={t("handlingUnits.inviteStaff")} centered size="lg">
      {link ? (
        <Stack>
          <InvitationLink url={link} title={t("platform.invitationLink")} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.back")}</Button>
          </Group>
        </Stack>
      ) : (
        <fetcher.Form method="post">
          <Stack>
            <input type="hidden" name="intent" value="invite" />
            {[errors.form, errors.field("handlingUnitId")].filter(Boolean).map((message) => (
              <Text c="red" key={message}>
                {message}
              </Text>
            ))}
            <TextInput
              name="username"
              label={t("county.username")}
              description={t("platform.adminUsernameHint")}
              required
              error={errors.field("username")}
              data-autofocus
            />
            <TextInput
              name="displayName"
              label={t("county.displayName")}
              required
              error={errors.field("displayName")}
            />
            <FormActions
              onCancel={onClose}
              submitLabel={t("handlingUnits.inviteStaff")}
              busy={fetcher.state !== "idle"}
            />
          </Stack>
        </fetcher.Form>
      )}
    </Modal>
  );
}

function ContactPhone({ contact, canReveal }: { contact: Contact; canReveal: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (!contact.phone) return <>—</>;
  if (fetcher.data && "phone" in fetcher.data) return <Text ff="monospace">{fetcher.data.phone}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text ff="monospace">{contact.phone}</Text>
      {canReveal && (
        <fetcher.Form method="post">
          <input type="hidden" name="contactId" value={contact.id} />
          <Button
            type="submit"
            name="intent"
            value="reveal"
            size="compact-xs"
            variant="subtle"
            loading={fetcher.state !== "idle"}
          >
            {t("handlingUnits.reveal")}
          </Button>
        </fetcher.Form>
      )}
    </Group>
  );
}

export default function HandlingUnit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { unit, contacts, staff, canManage, canReveal } = loaderData;
  const [editingUnit, setEditingUnit] = useState(false);
  const [contactDialog, setContactDialog] = useState<{ contact?: Contact } | null>(null);
  const [inviting, setInviting] = useState(false);
  return (
    <>
      <Anchor component={Link} to="/county/handling-units" size="sm">
        ← {t("handlingUnits.title")}
      </Anchor>
      <PageHeader
        title={unit.name}
        intro={[unit.duties, unit.address].filter(Boolean).join(" · ") || undefined}
        actions={
          <Group gap="xs">
            {unit.archivedAt && (
              <Badge color="gray" variant="light">
                {t("handlingUnits.archivedNote")}
              </Badge>
            )}
            {canManage && (
              <>
                <Button variant="default" onClick={() => setEditingUnit(true)}>
                  {t("handlingUnits.edit")}
                </Button>
                <Form method="post">
                  <Button
                    type="submit"
                    name="intent"
                    value={unit.archivedAt ? "restore" : "archive"}
                    variant="subtle"
                    color="gray"
                  >
                    {unit.archivedAt ? t("common.restore") : t("common.archive")}
                  </Button>
                </Form>
              </>
            )}
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder>
          <Group justify="space-between" p="md" pb={0}>
            <Title order={4}>{t("handlingUnits.contacts")}</Title>
            {canManage && (
              <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setContactDialog({})}>
                {t("handlingUnits.addContact")}
              </Button>
            )}
          </Group>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing="sm" data-testid="unit-contacts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("handlingUnits.contactName")}</Table.Th>
                  <Table.Th>{t("handlingUnits.contactTitle")}</Table.Th>
                  <Table.Th>{t("handlingUnits.contactPhone")}</Table.Th>
                  {canManage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td fw={600}>{contact.name}</Table.Td>
                    <Table.Td>{contact.title ?? "—"}</Table.Td>
                    <Table.Td>
                      <ContactPhone contact={contact} canReveal={canReveal} />
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setContactDialog({ contact })}>
                            {t("common.edit")}
                          </Button>
                          <Form method="post">
                            <input type="hidden" name="contactId" value={contact.id} />
                            <Button
                              type="submit"
                              name="intent"
                              value="removeContact"
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              aria-label={`${t("handlingUnits.removeContact")} ${contact.name}`}
                            >
                              {t("handlingUnits.removeContact")}
                            </Button>
                          </Form>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {contacts.length === 0 && (
            <Text c="dimmed" ta="center" py="md">
              {t("handlingUnits.noContacts")}
            </Text>
          )}
        </Paper>
        {canManage && (
          <Paper withBorder>
            <Group justify="space-between" p="md" pb={0}>
              <Title order={4}>{t("handlingUnits.staff")}</Title>
              <Button
                size="compact-sm"
                leftSection={<IconUserPlus size={14} />}
                onClick={() => setInviting(true)}
                disabled={unit.archivedAt !== null}
              >
                {t("handlingUnits.inviteStaff")}
              </Button>
            </Group>
            <Text size="sm" c="dimmed" px="md" pt={4}>
              {t("handlingUnits.staffIntro")}
            </Text>
            <Table verticalSpacing="sm" data-testid="unit-staff">
              <Table.Tbody>
                {staff.map((person) => (
                  <Table.Tr key={person.userId}>
                    <Table.Td fw={600}>{person.displayName}</Table.Td>
                    <Table.Td ff="monospace">{person.username}</Table.Td>
                    <Table.Td>
                      {person.disabled ? (
                        <Badge color="gray">{t("county.userDisabled")}</Badge>
                      ) : (
                        <Badge color={person.activated ? "green" : "yellow"} variant="light">
                          {person.activated ? t("county.userActivated") : t("county.userPending")}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {staff.length === 0 && (
              <Text c="dimmed" ta="center" py="md">
                {t("handlingUnits.noStaff")}
              </Text>
            )}
          </Paper>
        )}
      </SimpleGrid>
      {editingUnit && <EditUnitModal unit={unit} onClose={() => setEditingUnit(false)} />}
      {contactDialog && <ContactModal contact={contactDialog.contact} onClose={() => setContactDialog(null)} />}
      {inviting && <InviteStaffModal onClose={() => setInviting(false)} />}
    </>
  );
}
