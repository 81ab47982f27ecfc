import { describe, expect, it } from 'vitest';
import { changeLinkHiddenText } from '../../functions/modules/forms/steps/check-answers.tsx';

describe('the hidden text of a Change link on check answers', () => {
  it('lower-cases only the first letter of the question, keeping names and letters after it', () => {
    expect(changeLinkHiddenText('Is the property on an A, B or C road?')).toBe('is the property on an A, B or C road?');
    expect(changeLinkHiddenText('Ydych chi’n byw yng Ngheredigion?')).toBe('ydych chi’n byw yng Ngheredigion?');
  });

  it('keeps a first word that is an acronym as it is', () => {
    expect(changeLinkHiddenText('MOT certificate')).toBe('MOT certificate');
    expect(changeLinkHiddenText('UK address')).toBe('UK address');
  });

  it('keeps a single capital letter starting a word that is not an acronym lower-cased', () => {
    expect(changeLinkHiddenText('A photo of the driveway')).toBe('a photo of the driveway');
  });
});
