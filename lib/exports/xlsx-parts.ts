// The fixed parts of an XLSX package (SpreadsheetML) written by hand for the streaming exports: content types,
// relationships, workbook, styles and the XML around each sheet's rows. Cells use inline strings (no shared
// strings table to hold in memory) and four styles: default, bold header, money and date.
export const STYLE = { header: 1, money: 2, date: 3 } as const;
export const MONEY_FORMAT = '"$" #,##0';
export const DATE_FORMAT = "dd/mm/yyyy hh:mm";
/** Excel's row limit per sheet (header included). */
export const MAX_SHEET_ROWS = 1_048_576;

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

// characters XML 1.0 does not allow at all (dropped), and the ones text content must escape
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being looked for
const SPECIAL = /[<>&\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Text content (also safe inside double-quoted attributes after `attr`). */
export function xmlText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(INVALID, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const attr = (text: string) => xmlText(text).replace(/"/g, "&quot;");

/** An inline-string cell body (`t="inlineStr"`), keeping leading/trailing spaces and line breaks. */
export function inlineString(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const edge = first <= 32 || last <= 32;
  return edge ? `<is><t xml:space="preserve">${xmlText(text)}</t></is>` : `<is><t>${xmlText(text)}</t></is>`;
}

/** `A`, `B`, … `Z`, `AA`, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function contentTypes(sheets: number): string {
  const overrides = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `${overrides}</Types>`
  );
}

export const ROOT_RELS =
  `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `</Relationships>`;

export function coreProps(creator: string, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created></cp:coreProperties>`
  );
}

export function workbook(titles: string[]): string {
  const sheets = titles.map((t, i) => `<sheet name="${attr(t)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

export function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  const styles = `<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
  return `${XML}<Relationships xmlns="${PKG_REL}">${rels}${styles}</Relationships>`;
}

export const STYLES =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="${attr(MONEY_FORMAT)}"/>` +
  `<numFmt numFmtId="165" formatCode="${attr(DATE_FORMAT)}"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The XML before the first row: frozen header row and column widths. */
export function sheetStart(widths: number[], freezeHeader: boolean): string {
  const pane = freezeHeader
    ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`
    : "";
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView>` +
    `</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

export const SHEET_END = "</sheetData></worksheet>";

/** A header row of bold text cells (only the first cell names its address: the others follow it). */
export function headerRow(texts: string[]): string {
  const cells = texts
    .map((t, i) => `<c${i === 0 ? ' r="A1"' : ""} t="inlineStr" s="${STYLE.header}">${inlineString(t)}</c>`)
    .join("");
  return `<row r="1">${cells}</row>`;
}
