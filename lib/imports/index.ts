export { applyProductImport, type ImportMode, type ImportSummary } from "./apply";
export {
  type ImportError,
  type ImportFormat,
  type ImportRow,
  type ParsedImport,
  parseProductImport,
  parseProductImportAsync,
} from "./parse";
