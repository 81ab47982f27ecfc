import { attachmentDisposition, type ExportDelivery, type ExportInput } from './port.ts';

/**
 * The body streamed straight back as the response: the local host and the tests, where nothing
 * between the app and the browser limits a response's size.
 */
export class DirectExportDelivery implements ExportDelivery {
  async deliver(input: ExportInput): Promise<Response> {
    return new Response(input.body, {
      status: 200,
      headers: {
        'Content-Type': input.contentType,
        'Content-Disposition': attachmentDisposition(input.filename),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
}
