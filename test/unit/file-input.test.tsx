import { describe, expect, it } from 'vitest';
import { fileUploadTexts, translator } from '../../functions/core/i18n.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { FileInput } from '../../web/components.tsx';

describe('the file upload input', () => {
  it('gives govuk-frontend’s enhanced upload its words in the page’s language', async () => {
    const html = String(await (<FileInput id="sketch" name="file" accept=".pdf" describedBy="sketch-hint" texts={fileUploadTexts(translator(MESSAGES.cy))} />));

    expect(html).toContain('data-module="govuk-file-upload"');
    expect(html).toContain('data-i18n.choose-files-button="Dewiswch ffeil"');
    expect(html).toContain('data-i18n.no-file-chosen="Dim ffeil wedi’i dewis"');
    expect(html).toContain('<input class="govuk-file-upload" id="sketch" name="file" type="file" accept=".pdf" aria-describedby="sketch-hint"');
  });
});
