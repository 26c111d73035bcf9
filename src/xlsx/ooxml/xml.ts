import { DecodeUTF8 } from 'fflate';
import { SaxesParser } from 'saxes';
import { WorkbookReadError } from './errors';

/**
 * The XML of one package part, read with saxes as a stream of elements by local name: `x:sheet`
 * (Open XML SDK's prefixes), `sheet` and a strict-namespace `sheet` are the same element to jixiao,
 * as they are to Excel. A DTD is refused (OPC forbids one in a part, and refusing it means no
 * entity, external or internal, is ever expanded); only XML's five entities and character
 * references are read.
 */
export interface XmlHandlers {
  open?(name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
}

const CHUNK = 1 << 22;

export function parseXmlPart(partName: string, bytes: Uint8Array, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const { open, text, close } = handlers;
  if (open)
    parser.on('opentag', (tag) =>
      open(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing),
    );
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  parser.on('doctype', () => {
    throw new WorkbookReadError(
      'corrupt',
      `工作簿部件 ${partName} 含有 DTD 声明（OOXML 不允许），为安全起见不予读取`,
      `${partName} holds a DTD, which OOXML forbids`,
    );
  });
  const decode = textDecoder(encodingOf(bytes));
  try {
    for (let i = 0; i < bytes.length; i += CHUNK)
      parser.write(decode(bytes.subarray(i, i + CHUNK), i + CHUNK < bytes.length));
    parser.close();
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw xmlError(partName, e);
  }
}

export function xmlError(partName: string, e: unknown): WorkbookReadError {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 100);
  return new WorkbookReadError(
    'corrupt',
    `工作簿已损坏：部件 ${partName} 不是完整的 XML（${detail}），请在 Excel 中打开并另存后再试`,
    `${partName} is not well-formed XML (${detail})`,
  );
}

/**
 * A streaming decoder of a part's bytes (`more`: bytes follow). TextDecoder where the platform has
 * one (Node, browsers); fflate's UTF-8 decoder where it does not (the task pane's jsdom tests).
 */
export function textDecoder(encoding: string): (bytes: Uint8Array, more: boolean) => string {
  if (typeof TextDecoder !== 'undefined') {
    const d = new TextDecoder(encoding);
    return (bytes, more) => d.decode(bytes, { stream: more });
  }
  let out = '';
  const d = new DecodeUTF8((text) => (out += text));
  return (bytes, more) => {
    out = '';
    d.push(bytes, !more);
    return out;
  };
}

/** UTF-8 unless the part starts with a UTF-16 byte-order mark (allowed by OPC). */
export function encodingOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name (`id` finds `r:id`). */
export function attr(attrs: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = attrs[name];
  if (direct !== undefined) return direct;
  for (const k in attrs) if (k.endsWith(`:${name}`)) return attrs[k];
  return undefined;
}

/** An xsd:boolean attribute: `1` and `true` (LibreOffice writes `true`, Excel `1`). */
export function xmlBool(v: string | undefined): boolean {
  return v !== undefined && (v.trim() === '1' || v.trim().toLowerCase() === 'true');
}
