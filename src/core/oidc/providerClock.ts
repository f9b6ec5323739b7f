// How far the provider's clock is from ours, measured from the `Date` header of its answers
// (RFC 9110 §6.6.1; one-second resolution). Used only to explain a token refused for its times,
// never to correct them: a wrong clock is something the user should fix or allow for.
import * as l10n from '@vscode/l10n';
import type * as oidc from 'openid-client';

export class ProviderClock {
  /** Provider time minus local time in seconds, from the latest answer with a Date header. */
  offsetSeconds?: number;

  record(response: Response, now = Date.now()): void {
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) this.offsetSeconds = Math.round((date - now) / 1000);
  }

  /** A fetch for openid-client that records the clock of every answer. */
  fetch(): oidc.CustomFetch {
    return async (url, options) => {
      const response = await fetch(url, options as RequestInit);
      this.record(response);
      return response;
    };
  }
}

/** "The provider's clock is 95 s ahead of this computer's", "… 2 h behind …", "… in step with …". */
export function describeOffset(seconds: number): string {
  if (Math.abs(seconds) <= 1) return l10n.t("The provider's clock is in step with this computer's");
  const abs = Math.abs(seconds);
  const span = abs < 120 ? l10n.t('{0} s', abs) : abs < 7200 ? l10n.t('{0} min', Math.round(abs / 60)) : l10n.t('{0} h', Math.round(abs / 3600));
  return seconds > 0 ? l10n.t("The provider's clock is {0} ahead of this computer's", span) : l10n.t("The provider's clock is {0} behind this computer's", span);
}
