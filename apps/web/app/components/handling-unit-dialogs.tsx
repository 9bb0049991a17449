import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useFetcher } from "react-router";
import type { FormFailure } from "~/lib/actions.server";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import { FormActions } from "./form-actions";
import { HandlingUnitFields } from "./handling-unit-fields";
import { InvitationLink } from "./invitation-link";

/** A contact person as the unit's page shows them: the phone masked. */
export type UnitContact = { id: string; name: string; title: string | null; phone: string | null };
type UnitDetails = { name: string; duties: string | null; address: string | null };

/** What the unit page's action answers a dialog: ok (with what the intent adds), or the form's errors. */
type Answer<Extra = object> = ({ ok: true } & Extra) | FormFailure;

/** Adds a contact person to the unit, or changes one. */
export function ContactModal({ contact, onClose }: { contact?: UnitContact; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Answer>();
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

/** Changes the unit's name, duties and address. */
export function EditUnitModal({ unit, onClose }: { unit: UnitDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Answer>();
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

/** Invites a responder account for the unit and shows the one-time link. */
export function InviteStaffModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Answer<{ invitationUrl: string }>>();
  const errors = useFormErrors(fetcher.data);
  const link = fetcher.data && "invitationUrl" in fetcher.data ? fetcher.data.invitationUrl : null;
  return (
    <Modal opened onClose={onClose} title={t("handlingUnits.inviteStaff")} centered size="lg">
      {link ? (
        <Stack>
          <InvitationLink url={link} invitedRole="handling_unit_responder" />
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
