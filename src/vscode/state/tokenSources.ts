// Where the user's tokens are: decoded ones in the store, signed-in ones in each profile's session.
import type { ProfileSettings } from './profileSettings';
import type { SessionManager } from './sessions';
import type { DecodedTokenStore } from './tokenStore';

export interface TokenSources {
  store: DecodedTokenStore;
  sessions: SessionManager;
  profiles: ProfileSettings;
}
