import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { addHandlingUnitContact } from "@rdlink/core/handling-units/add-handling-unit-contact";
import { editHandlingUnit } from "@rdlink/core/handling-units/edit-handling-unit";
import { editHandlingUnitContact } from "@rdlink/core/handling-units/edit-handling-unit-contact";
import { getHandlingUnit } from "@rdlink/core/handling-units/get-handling-unit";
import { removeHandlingUnitContact } from "@rdlink/core/handling-units/remove-handling-unit-contact";
import { revealContactPhone } from "@rdlink/core/handling-units/reveal-contact-phone";
import { setHandlingUnitArchived } from "@rdlink/core/handling-units/set-handling-unit-archived";
import { ValidationError } from "@rdlink/core/shared/errors";
import { inviteUser } from "@rdlink/core/users/invite-user";
import { IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, Link } from "react-router";
import { UnitContacts } from "~/components/handling-unit-contacts";
import { ContactModal, EditUnitModal, InviteStaffModal, type UnitContact } from "~/components/handling-unit-dialogs";
import { PageHeader } from "~/components/page-header";
import { readForm } from "~/lib/actions.server";
import { countyAction, countyLoader, type IntentHandler } from "~/lib/county-route.server";
import { invitationUrl } from "~/lib/urls";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/handling-unit";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getHandlingUnit(tx, ctx, args.params.unitId));
}

/** Every form names its intent; a contact is reached through this unit only (core checks it belongs here). */
export function action(args: Route.ActionArgs) {
  const { unitId } = args.params;
  /** The forms that change the unit or its contacts; each answers `{ ok: true }`. */
  const changes: Record<string, IntentHandler> = {
    edit: (tx, ctx, form) => editHandlingUnit(tx, ctx, unitId, form),
    archive: (tx, ctx) => setHandlingUnitArchived(tx, ctx, unitId, true),
    restore: (tx, ctx) => setHandlingUnitArchived(tx, ctx, unitId, false),
    addContact: (tx, ctx, form) => addHandlingUnitContact(tx, ctx, unitId, form),
    editContact: (tx, ctx, { contactId, ...form }) => editHandlingUnitContact(tx, ctx, unitId, contactId, form),
    removeContact: (tx, ctx, { contactId }) => removeHandlingUnitContact(tx, ctx, unitId, contactId),
  };
  return countyAction(args, async (county) => {
    const { intent, ...form } = await readForm(county.request);
    if (intent === "reveal") {
      const phone = await county.inTenant((tx, ctx) => revealContactPhone(tx, ctx, unitId, form.contactId));
      return { ok: true as const, phone };
    }
    if (intent === "invite") {
      const { invitationToken } = await county.inTenant((tx, ctx) =>
        inviteUser(tx, ctx, { ...form, role: "handling_unit_responder", handlingUnitId: unitId }),
      );
      return { ok: true as const, invitationUrl: invitationUrl(county.request, invitationToken) };
    }
    const change = typeof intent === "string" && Object.hasOwn(changes, intent) ? changes[intent] : undefined;
    if (!change) throw new ValidationError({}, "errors.unknownIntent");
    await county.inTenant((tx, ctx) => change(tx, ctx, form));
    return { ok: true as const };
  });
}

export default function HandlingUnit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { unit, contacts, staff, canManage, canReveal } = loaderData;
  const [editingUnit, setEditingUnit] = useState(false);
  const [contactDialog, setContactDialog] = useState<{ contact?: UnitContact } | null>(null);
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
        <UnitContacts
          contacts={contacts}
          canManage={canManage}
          canReveal={canReveal}
          onAdd={() => setContactDialog({})}
          onEdit={(contact) => setContactDialog({ contact })}
        />
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
