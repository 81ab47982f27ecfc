/**
 * A small XML writer for Open311's schemaless XML. Open311 defines its JSON as the Spark-convention
 * mapping of its XML, so both formats are written from one value: an object is an element of elements,
 * a list is an element holding one element per item (named by `itemName`, e.g. services → service),
 * and anything else is text. An undefined value writes nothing.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Characters XML 1.0 cannot carry at all, escaped or not: most controls, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text as element content: markup characters escaped, characters XML cannot hold dropped. Quotes
 * need no escaping outside attributes, and this writer writes none.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>]/g, (ch) => ENTITIES[ch]);
}

function element(name: string, value: XmlValue, itemName: (list: string) => string): string {
  if (value === undefined) return '';
  if (!NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  if (value === null) return `<${name}/>`;
  let content: string;
  if (Array.isArray(value)) content = value.map((item) => element(itemName(name), item, itemName)).join('');
  else if (typeof value === 'object') content = Object.entries(value).map(([k, v]) => element(k, v, itemName)).join('');
  else content = escapeXml(String(value));
  return `<${name}>${content}</${name}>`;
}

/**
 * A whole document: the declaration Open311 requires, then `value` as the element `root`.
 *
 * @example
 * toXml('services', [{ service_code: 'pothole' }], () => 'service');
 * // <?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>pothole</service_code></service></services>
 */
export function toXml(root: string, value: XmlValue, itemName: (list: string) => string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemName)}\n`;
}
