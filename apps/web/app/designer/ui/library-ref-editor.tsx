import { MultiSelect, NumberInput, Select, Stack, Textarea, TextInput } from "@mantine/core";
import {
  actionLibrary,
  actorRoles,
  guardLibrary,
  notifyTargets,
  type TLibraryRef,
  type TWorkflowDefinition,
} from "@rdlink/workflow";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { actionParams, FieldChoicesContext, guardParams, type ParamInput, UnitChoicesContext } from "../library-params";

/** A guard or an action: the entry picked from the library, then one input per parameter. */
export function LibraryRefEditor({
  kind,
  value,
  definition,
  readOnly,
  mergeKey,
  onChange,
}: {
  kind: "guard" | "action";
  value: TLibraryRef | undefined;
  definition: TWorkflowDefinition;
  readOnly: boolean;
  mergeKey: string;
  onChange: (value: TLibraryRef | undefined, mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const library = kind === "guard" ? guardLibrary : actionLibrary;
  const paramsOf = (type: string): ParamInput[] => (kind === "guard" ? guardParams : actionParams)[type as never] ?? [];
  const fields = useContext(FieldChoicesContext);
  const units = useContext(UnitChoicesContext);
  const params = value?.params ?? {};
  // A guard on a field with choices (问题类别…) picks its value among them, by label.
  const chosenField = fields.find((f) => f.key === params.field);
  const setParam = (name: string, paramValue: unknown, key?: string) =>
    value && onChange({ ...value, params: { ...params, [name]: paramValue } }, key);
  const select = (name: string, data: string[] | { value: string; label: string }[]) => (
    <Select
      size="xs"
      key={name}
      label={tr(`designer.params.${name}`)}
      value={typeof params[name] === "string" ? (params[name] as string) : null}
      readOnly={readOnly}
      searchable
      data={data}
      onChange={(v) => setParam(name, v ?? undefined)}
    />
  );
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        aria-label={tr(`designer.${kind}`)}
        value={value?.type ?? null}
        readOnly={readOnly}
        clearable={kind === "guard"}
        allowDeselect={kind === "guard"}
        placeholder={kind === "guard" ? t("designer.noGuard") : undefined}
        data={Object.keys(library).map((type) => ({ value: type, label: tr(`designer.library.${type}`) }))}
        onChange={(type) => onChange(type ? { type, params: {} } : undefined)}
      />
      {value &&
        paramsOf(value.type).map((param) => {
          const label = tr(`designer.params.${param.name}`);
          const current = params[param.name];
          switch (param.input) {
            case "field": {
              const known = fields.map((f) => ({ value: f.key, label: f.label }));
              const unknown = typeof current === "string" && !fields.some((f) => f.key === current);
              return select(param.name, unknown ? [...known, { value: current, label: current }] : known);
            }
            case "handlingUnit": {
              const known = units.map((u) => ({ value: u.id, label: u.name }));
              const gone = typeof current === "string" && !units.some((u) => u.id === current);
              return select(
                param.name,
                gone ? [...known, { value: current, label: t("designer.unknownUnit") }] : known,
              );
            }
            case "counter":
              return select(param.name, definition.counters);
            case "caseDate":
              return select(param.name, definition.caseDates);
            case "notifyTarget":
              return select(
                param.name,
                notifyTargets.map((to) => ({ value: to, label: tr(`designer.notifyTargets.${to}`) })),
              );
            case "choice":
              return select(
                param.name,
                param.options.map((o) => ({ value: o, label: tr(`${param.labels ?? "designer.ops"}.${o}`) })),
              );
            case "number":
              return (
                <NumberInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={typeof current === "number" ? current : ""}
                  readOnly={readOnly}
                  onChange={(n) =>
                    setParam(param.name, typeof n === "number" ? n : undefined, `${mergeKey}:${param.name}`)
                  }
                />
              );
            case "roles":
              return (
                <MultiSelect
                  size="xs"
                  key={param.name}
                  label={label}
                  value={Array.isArray(current) ? (current as string[]) : []}
                  readOnly={readOnly}
                  data={actorRoles.map((role) => ({ value: role, label: tr(`designer.actorRoles.${role}`) }))}
                  onChange={(roles) => setParam(param.name, roles)}
                />
              );
            case "list":
              if (chosenField?.options)
                return (
                  <MultiSelect
                    size="xs"
                    key={param.name}
                    label={label}
                    value={Array.isArray(current) ? current.map(String) : []}
                    readOnly={readOnly}
                    data={chosenField.options}
                    onChange={(values) => setParam(param.name, values)}
                  />
                );
              return (
                <TextInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={Array.isArray(current) ? current.join(",") : ""}
                  readOnly={readOnly}
                  onChange={(e) =>
                    setParam(
                      param.name,
                      e.currentTarget.value
                        .split(/[,，]/)
                        .map((s) => s.trim())
                        .filter(Boolean),
                      `${mergeKey}:${param.name}`,
                    )
                  }
                />
              );
            case "json":
              return (
                <JsonParam
                  key={param.name}
                  label={label}
                  value={current}
                  readOnly={readOnly}
                  onChange={(v) => setParam(param.name, v, `${mergeKey}:${param.name}`)}
                />
              );
            default:
              if (param.name === "value" && chosenField?.options) return select(param.name, chosenField.options);
              return (
                <TextInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={current === undefined ? "" : String(current)}
                  readOnly={readOnly}
                  onChange={(e) => setParam(param.name, e.currentTarget.value, `${mergeKey}:${param.name}`)}
                />
              );
          }
        })}
    </Stack>
  );
}

/** Nested guards (allOf/anyOf) as JSON: kept as typed until it parses. */
function JsonParam({
  label,
  value,
  readOnly,
  onChange,
}: {
  label: string;
  value: unknown;
  readOnly: boolean;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      size="xs"
      autosize
      label={label}
      ff="monospace"
      readOnly={readOnly}
      defaultValue={JSON.stringify(value ?? [], null, 1)}
      onBlur={(e) => {
        try {
          onChange(JSON.parse(e.currentTarget.value));
        } catch {
          e.currentTarget.setCustomValidity(t("designer.invalidJson"));
        }
      }}
    />
  );
}
