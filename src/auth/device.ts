import Bowser from 'bowser';
import { withoutUnsafeCharacters } from '../common/text/unsafe';

/** The longest User-Agent kept with a session (they run to 150-300 characters). */
export const USER_AGENT_MAX = 300;

/** A User-Agent as kept: unsafe characters removed, cut to USER_AGENT_MAX; null when absent. */
export function keptUserAgent(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const kept = withoutUnsafeCharacters(header).trim();
  return kept ? kept.slice(0, USER_AGENT_MAX) : null;
}

/**
 * What a session's User-Agent says to its owner ("Chrome 131 trên Windows 10",
 * "Safari 17.5 trên iOS 17.5"), read by bowser; a program it does not know
 * (curl, a script) shows its own first words.
 */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return 'Không rõ thiết bị';
  const { browser, os } = Bowser.parse(userAgent);
  const name =
    browser.name && [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = os.name && [os.name, os.versionName ?? os.version].filter(Boolean).join(' ');
  if (name && system) return `${name} trên ${system}`;
  return name || system || userAgent.slice(0, 60);
}
