/**
 * Just enough XML for JUnit reports: escaping (control characters included),
 * a serializer with stable indentation, and a small well-formedness-checking
 * parser so shard reports can be merged and tests can prove the output parses.
 *
 * @module
 */

/** An element: name, attributes in order, children (elements or text). */
export interface XmlElement {
  name: string;
  attributes: Array<[string, string]>;
  children: XmlNode[];
}

/** A child node: an element or a run of text. */
export type XmlNode = XmlElement | string;

/** Characters XML 1.0 cannot carry at all, even as references (C0 controls but tab, LF, CR; U+FFFE/F; lone surrogates). */
const NOT_XML_CHAR =
  // deno-lint-ignore no-control-regex -- finding the control characters XML forbids is the point
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Escapes text content; characters XML cannot carry become a visible `\uXXXX`. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML_CHAR, visible)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** Escapes an attribute value; line breaks and tabs become references so parsers keep them. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** Builds an element. */
export function element(
  name: string,
  attributes: Array<[string, string]> = [],
  children: XmlNode[] = [],
): XmlElement {
  return { name, attributes, children };
}

/** The document: declaration, then the root indented by two spaces per level. */
export function serializeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root, "")}\n`;
}

function serializeElement(node: XmlElement, pad: string): string {
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  const open = `${pad}<${node.name}${attributes}`;
  if (node.children.length === 0) return `${open}/>`;
  if (node.children.some((child) => typeof child === "string")) {
    // Mixed or text content: whitespace is significant, so no indentation inside.
    const inner = node.children.map((child) =>
      typeof child === "string" ? escapeText(child) : serializeElement(child, "")
    ).join("");
    return `${open}>${inner}</${node.name}>`;
  }
  const inner = node.children.map((child) => serializeElement(child as XmlElement, `${pad}  `));
  return `${open}>\n${inner.join("\n")}\n${pad}</${node.name}>`;
}

/** XML that is not well-formed. */
export class XmlSyntaxError extends SyntaxError {
  override name = "XmlSyntaxError";
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Parses a document and returns its root element. Whitespace-only text
 * between elements is dropped; other text is kept as written (references
 * decoded). Throws {@linkcode XmlSyntaxError} for anything not well-formed:
 * unbalanced or mismatched tags, duplicate attributes, a bare `&` or `<`,
 * characters XML forbids, text or a second element outside the root.
 */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (problem: string): never => {
    throw new XmlSyntaxError(`Cannot parse XML: ${problem} at offset ${at}`);
  };
  NOT_XML_CHAR.lastIndex = 0;
  const bad = NOT_XML_CHAR.exec(text);
  if (bad !== null) {
    at = bad.index;
    fail(`character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} is not allowed`);
  }
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text) ?? fail("expected a name");
    at += match[0].length;
    return match[0];
  };
  const skipSpace = () => {
    while (at < text.length && " \t\r\n".includes(text[at]!)) at++;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(";")) fail(`bare "&" in ${JSON.stringify(raw.slice(0, 40))}`);
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#[0-9]+$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : fail(`unknown entity "&${ref};"`);
      return String.fromCodePoint(code);
    });
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith("<?", at)) at = closing("?>");
      else if (text.startsWith("<!--", at)) at = closing("-->");
      else return;
    }
  };
  const closing = (end: string): number => {
    const index = text.indexOf(end, at);
    if (index < 0) fail(`missing "${end}"`);
    return index + end.length;
  };
  const parseElement = (): XmlElement => {
    if (text[at] !== "<") fail('expected "<"');
    at++;
    const node = element(name());
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith("/>", at)) {
        at += 2;
        return node;
      }
      if (text[at] === ">") {
        at++;
        break;
      }
      if (at === before) fail("expected whitespace before an attribute");
      const attribute = name();
      if (node.attributes.some(([n]) => n === attribute)) {
        fail(`duplicate attribute "${attribute}"`);
      }
      skipSpace();
      if (text[at] !== "=") fail('expected "="');
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail("expected a quoted value");
      const end = text.indexOf(quote!, at + 1);
      if (end < 0) fail("unterminated attribute value");
      const raw = text.slice(at + 1, end);
      if (raw.includes("<")) fail('"<" in an attribute value');
      node.attributes.push([attribute, decode(raw)]);
      at = end + 1;
    }
    for (;;) {
      const next = text.indexOf("<", at);
      if (next < 0) fail(`missing </${node.name}>`);
      const raw = text.slice(at, next);
      if (raw.includes("]]>")) fail('"]]>" in text');
      if (raw.trim() !== "") node.children.push(decode(raw));
      at = next;
      if (text.startsWith("</", at)) {
        at += 2;
        const closingName = name();
        if (closingName !== node.name) fail(`</${closingName}> closes <${node.name}>`);
        skipSpace();
        if (text[at] !== ">") fail('expected ">"');
        at++;
        return node;
      }
      if (text.startsWith("<!--", at)) at = closing("-->");
      else if (text.startsWith("<![CDATA[", at)) {
        const end = closing("]]>");
        node.children.push(text.slice(at + 9, end - 3));
        at = end;
      } else node.children.push(parseElement());
    }
  };
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (at < text.length) fail("content after the root element");
  return root;
}
