import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { TFieldDefinition } from "@rdlink/forms";
import { useId, useState } from "react";
import { useLocalized } from "~/lib/localized";
import { useTranslation } from "~/lib/use-translation";

/**
 * The opinion a citizen writes on the station's public page: category, the opinion, the
 * station type's own questions, an optional name and phone (with consent once a phone is
 * typed). The same names as OpinionFields (the staff's form), built from the browser's own
 * controls styled by `styles/public.css`: a native select opens the phone's own picker, and
 * the page loads no component library (docs/decisions/0020-public-pages-without-mantine.md).
 * The photos follow in the page (they must come last in the form).
 */
export function PublicOpinionFields({
  categories,
  intakeFields,
  errorOf,
}: {
  categories: readonly TCaseCategory[];
  intakeFields: TFieldDefinition[];
  errorOf: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState("");
  return (
    <>
      <PublicField label={t("intake.category")} required error={errorOf("category")}>
        {(control) => (
          <select {...control} name="category" required defaultValue="">
            <option value="" disabled>
              {t("intake.categoryPlaceholder")}
            </option>
            {categories.map((value) => (
              <option key={value} value={value}>
                {t(`cases.categories.${value}`)}
              </option>
            ))}
          </select>
        )}
      </PublicField>
      <PublicField label={t("intake.content")} help={t("intake.contentHelp")} required error={errorOf("content")}>
        {(control) => <textarea {...control} name="content" required rows={5} maxLength={2000} />}
      </PublicField>
      {intakeFields.map((field) => (
        <PublicFieldInput key={field.key} field={field} error={errorOf(`fields.${field.key}`)} />
      ))}
      <PublicField label={t("intake.name")} error={errorOf("submitterName")}>
        {(control) => <input {...control} name="submitterName" maxLength={30} />}
      </PublicField>
      <PublicField label={t("intake.phone")} help={t("intake.phoneHelp")} error={errorOf("submitterPhone")}>
        {(control) => (
          <input
            {...control}
            name="submitterPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
        )}
      </PublicField>
      {phone.trim() !== "" && <PublicCheckbox name="consent" label={t("intake.consent")} error={errorOf("consent")} />}
    </>
  );
}

/** What a field gives its control: an id for the label, the help and error it is described by. */
type ControlProps = {
  id: string;
  className: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

/** A labelled field with its help and error, both read out with the control. */
export function PublicField({
  label,
  help,
  error,
  required = false,
  children,
}: {
  label: string;
  help?: string;
  error?: string;
  required?: boolean;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const id = useId();
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="pub-field">
      <label className="pub-label" htmlFor={id}>
        {label}
        {required && (
          <span className="pub-required" aria-hidden>
            *
          </span>
        )}
      </label>
      {help && (
        <p className="pub-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {children({
        id,
        className: "pub-input",
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {error && (
        <p className="pub-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function PublicCheckbox({ name, label, error }: { name: string; label: string; error?: string }) {
  const id = useId();
  return (
    <div className="pub-field">
      <label className="pub-check">
        <input
          type="checkbox"
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <span>{label}</span>
      </label>
      {error && (
        <p className="pub-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** One of the station type's questions (the kinds a public form may ask: INTAKE_FIELD_TYPES). */
function PublicFieldInput({ field, error }: { field: TFieldDefinition; error?: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const name = `fields.${field.key}`;
  const label = localized(field.label);
  const help = field.help ? localized(field.help) : undefined;
  if (field.type === "multiSelect") {
    return (
      <PublicMultiSelect
        name={name}
        label={label}
        help={help}
        required={field.required}
        error={error}
        options={field.options.map((o) => ({ value: o.value, label: localized(o.label) }))}
      />
    );
  }
  return (
    <PublicField label={label} help={help} required={field.required} error={error}>
      {(control) => {
        const common = { ...control, name, required: field.required };
        switch (field.type) {
          case "longText":
            return <textarea {...common} rows={3} maxLength={field.maxLength} />;
          case "number":
            return <input {...common} inputMode="decimal" min={field.min} max={field.max} />;
          case "date":
            return <input {...common} type="date" />;
          case "select":
          case "yesNo": {
            const options =
              field.type === "select"
                ? field.options.map((o) => ({ value: o.value, label: localized(o.label) }))
                : [
                    { value: "true", label: t("common.yes") },
                    { value: "false", label: t("common.no") },
                  ];
            return (
              <select {...common} defaultValue="">
                <option value="" disabled={field.required}>
                  {t("intake.categoryPlaceholder")}
                </option>
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            );
          }
          default:
            return <input {...common} maxLength={"maxLength" in field ? field.maxLength : undefined} />;
        }
      }}
    </PublicField>
  );
}

/** Checkboxes that send their choices comma-joined in one field, as the staff form's MultiSelect does. */
function PublicMultiSelect({
  name,
  label,
  help,
  required,
  error,
  options,
}: {
  name: string;
  label: string;
  help?: string;
  required: boolean;
  error?: string;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (value: string, on: boolean) =>
    setChosen((before) => (on ? [...before, value] : before.filter((v) => v !== value)));
  return (
    <fieldset
      className="pub-field"
      aria-describedby={[help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
    >
      <legend className="pub-label">
        {label}
        {required && (
          <span className="pub-required" aria-hidden>
            *
          </span>
        )}
      </legend>
      {help && (
        <p className="pub-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <input type="hidden" name={name} value={chosen.join(",")} />
      <div className="pub-row" style={{ gap: "6px 16px" }}>
        {options.map((option) => (
          <label key={option.value} className="pub-check" style={{ flex: "0 0 auto" }}>
            <input
              type="checkbox"
              checked={chosen.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="pub-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
