import { fileUploadTexts, type Translate } from '../../../core/i18n.ts';
import type { FileAnswer, FileKind, Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { describedBy, ErrorMessage, FileInput } from '../../../../web/components.tsx';
import { hintOf, labelOf } from './shared.ts';

type FileQuestion = Extract<Question, { type: 'file' }>;

const KIND_NAMES: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG' };
const KIND_EXTENSIONS: Record<FileKind, string> = { pdf: '.pdf,application/pdf', jpeg: '.jpg,.jpeg,image/jpeg', png: '.png,image/png' };

/** "PDF, JPG or PNG": the kinds a question takes, as GOV.UK names them in hints and errors. */
export function fileKindsText(accept: FileKind[], t: Translate): string {
  const names = accept.map((k) => KIND_NAMES[k]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t('forms.answers.file.or')} ${names[names.length - 1]}`;
}

/** "2 MB", "350 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The input's `accept` attribute: a hint to the browser's file picker; storage checks the real type by the bytes. */
export function acceptAttribute(accept: FileKind[]): string {
  return accept.map((k) => KIND_EXTENSIONS[k]).join(',');
}

/**
 * A file (GOV.UK file upload). Fields renders only the file input, named `file` as S3's POST policy
 * needs, with the hint naming the kinds and size allowed; the question step puts it in the storage
 * port's upload form (after the policy fields). The upload, its checks and the FileAnswer belong to
 * that step and the storage port, so `read` is not used for files: it always answers 'again'.
 */
export const fileHandler: AnswerHandler<FileQuestion, FileAnswer> = {
  Fields({ q, errors: errs, ctx, asPageHeading, idPrefix }) {
    const limits = ctx.t('forms.answers.file.hint', { types: fileKindsText(q.accept, ctx.t), size: `${q.maxMegabytes} MB` });
    const own = hintOf(q, ctx.lang);
    const error = errs[idPrefix];
    const label = (
      <label class={asPageHeading ? 'govuk-label govuk-label--l' : 'govuk-label govuk-label--s'} for={idPrefix}>
        {labelOf(q, ctx)}
      </label>
    );
    return (
      <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        {asPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label}
        <div id={`${idPrefix}-hint`} class="govuk-hint">
          {own && (
            <>
              {own}
              <br />
            </>
          )}
          {limits}
        </div>
        <ErrorMessage id={idPrefix} text={error} prefix={ctx.t('common.errorPrefix')} />
        <FileInput id={idPrefix} name="file" accept={acceptAttribute(q.accept)} describedBy={describedBy(idPrefix, limits, error)} error={!!error} texts={fileUploadTexts(ctx.t)} />
      </div>
    );
  },
  read: () => ({ kind: 'again' }),
  display: (_q, value) => [`${value.name} (${formatBytes(value.bytes)})`],
};
