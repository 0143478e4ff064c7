import { createRequire } from 'node:module';

type QrLib = { toString(text: string, opts: { type: 'svg'; margin?: number }): Promise<string> };
// qrcode ships no type declarations (and @types/qrcode is not installed): load it with the one
// signature used here.
const QRCode = createRequire(import.meta.url)('qrcode') as QrLib;

/** A QR code as an SVG string: for printed notices and for vouchers shown at a counter. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2 });
}
