export {
  buildDeputySheet,
  DEPUTY_SHEET_NAME,
  maskPhone,
  type TBuildDeputySheetOptions,
  type TDeputySheetRow,
} from "./build-deputy-sheet";
export { deputyColumns, fieldOfHeader } from "./columns";
export {
  deputyFields,
  deputyLevelNames,
  deputyLevels,
  PHONE_PATTERN,
  parseDeputyLevel,
  splitList,
  type TDeputyField,
  type TDeputyLevel,
  type TDeputyRow,
  type TDeputyRowInput,
  ZDeputyRow,
} from "./deputy-row";
export { neutraliseFormula, restoreNeutralised } from "./formula-guard";
export {
  cellText,
  MAX_DEPUTY_ROWS,
  parseDeputySheet,
  readSheetRows,
  SheetFormatError,
  sheetKind,
  type TParseDeputySheetOptions,
  type TParsedDeputy,
  type TSheetError,
} from "./parse-deputy-sheet";
