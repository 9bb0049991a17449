export { buildValidator } from "./build-validator";
export {
  fieldKeyPattern,
  fieldTypes,
  type TFieldDefinition,
  type TFieldDefinitionInput,
  type TFieldList,
  type TFieldListInput,
  type TFieldOption,
  type TFieldType,
  type TLocalizedText,
  ZFieldDefinition,
  ZFieldList,
  ZFieldOption,
  ZLocalizedText,
} from "./field-schema";
export { newFieldKey, newOptionValue } from "./generated-ids";
export {
  definitionMessageKeys,
  type TDefinitionMessageKey,
  type TValueMessageKey,
  valueMessageKeys,
} from "./messages";
