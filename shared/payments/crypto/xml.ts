import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * WeChat Pay v2 XML: a flat `<xml>` (or `<root>` inside req_info) of text fields. `parseTagValue:
 * false` keeps every value a string, so `0123` stays `0123` and amounts are parsed explicitly.
 */
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true, processEntities: true });
const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false });

export class XmlError extends Error {}

export function parseFlatXml(text: string, root = 'xml'): Record<string, string> {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch {
    throw new XmlError('malformed XML');
  }
  const body = doc[root];
  if (!body || typeof body !== 'object') throw new XmlError(`no <${root}> element`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

export function buildFlatXml(fields: Record<string, string | number>, root = 'xml'): string {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) body[k] = typeof v === 'number' ? String(v) : { __cdata: v };
  return builder.build({ [root]: body }) as string;
}
