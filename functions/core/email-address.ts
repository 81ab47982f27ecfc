/** Whether text looks like an email address, as GOV.UK services check it: something@domain.tld, within the RFC's lengths. */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(text);
}
