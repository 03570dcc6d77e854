export { CsvScanner, parseCsv, splitRecord, type CsvProblem, type CsvRecord } from "./csv";
export {
  DEFAULT_MAX_ERRORS,
  ImportFailedError,
  headerProblems,
  importCsvFiles,
  tableOfFileName,
  type ImportFile,
  type ImportOptions,
  type ImportPhase,
  type ImportProgress,
  type ImportRejected,
  type ImportResult,
  type ImportSuccess,
  type Rejection,
} from "./import";
export { TABLE_SPECS } from "./schema";
