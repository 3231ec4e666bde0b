import type { UserManager } from 'oidc-client-ts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';

import {
  api,
  ApiError,
  type Schemas,
  setBearerSource,
  UNAUTHORIZED_EVENT,
  unwrap,
} from '../api/client';

export type ConsoleSettings = Schemas['ConsoleConfigDto'];
export type SignedIn = Schemas['SessionDto'] & { name?: string };
export type StaffRole = 'coordinator' | 'prosecutor' | 'operator' | 'admin' | 'partner';

interface Session {
  settings?: ConsoleSettings;
  user?: SignedIn;
  /** The service cannot be reached or refused the settings. */
  failure?: string;
  loading: boolean;
  /** The OIDC token could not be renewed: when it expires. */
  renewalFailed?: Date;
  has(role: StaffRole): boolean;
  signInDevelopment(request: Schemas['DevTokenRequestDto']): Promise<void>;
  signInOidc(): Promise<void>;
  completeOidc(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);
// Session storage: a token never outlives the tab, and never reaches another tab's user.
const DEV_TOKEN_KEY = 'tgd.devToken';

let token: string | undefined = sessionStorage.getItem(DEV_TOKEN_KEY) ?? undefined;
setBearerSource(() => token);

/** The OIDC client, its library fetched only where the service is set up for OIDC. */
async function oidcManager(settings: ConsoleSettings): Promise<UserManager | undefined> {
  if (!settings.oidc) return undefined;
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const origin = window.location.origin;
  return new UserManager({
    authority: settings.oidc.issuer,
    client_id: settings.oidc.clientId,
    scope: settings.oidc.scope,
    redirect_uri: `${origin}/signin/callback`,
    post_logout_redirect_uri: `${origin}/signin`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<ConsoleSettings>();
  const [user, setUser] = useState<SignedIn>();
  const [failure, setFailure] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [renewalFailed, setRenewalFailed] = useState<Date>();
  const [manager, setManager] = useState<UserManager>();

  /** Asks the service who the token is; a refused token signs out. */
  const load = useCallback(async (name?: string) => {
    if (!token) return setUser(undefined);
    try {
      setUser({ ...(await unwrap(api.GET('/api/v1/session'))), name });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      token = undefined;
      sessionStorage.removeItem(DEV_TOKEN_KEY);
      setUser(undefined);
    }
  }, []);

  useEffect(() => {
    unwrap(api.GET('/api/v1/console/config'))
      .then(async (loaded) => {
        // Both in one render: the session is restored once the OIDC client, if any, is there.
        setManager(await oidcManager(loaded));
        setSettings(loaded);
      })
      .catch((error: Error) => {
        setFailure(error.message);
        setLoading(false);
      });
  }, []);

  useEffect(() => {
    if (!settings) return;
    const restore = async () => {
      const oidcUser = await manager?.getUser();
      if (oidcUser && !oidcUser.expired) token = oidcUser.access_token;
      await load(oidcUser?.profile.name);
    };
    restore()
      .catch((error: Error) => setFailure(error.message))
      .finally(() => setLoading(false));
  }, [settings, manager, load]);

  /** Forgets the token in this tab (a token the service refuses). */
  const forget = useCallback(async () => {
    token = undefined;
    sessionStorage.removeItem(DEV_TOKEN_KEY);
    setUser(undefined);
    await manager?.removeUser();
  }, [manager]);

  /** Signing out also ends the provider's session: on a shared desk, the next user signs in anew. */
  const signOut = useCallback(async () => {
    const oidcUser = await manager?.getUser();
    await forget();
    if (manager && oidcUser) await manager.signoutRedirect({ id_token_hint: oidcUser.id_token });
  }, [manager, forget]);

  // oidc-client-ts renews the access token before it expires (refresh token or silent sign-in):
  // a shift outlasts a token, the board must not drop to the sign-in page.
  useEffect(() => {
    if (!manager) return;
    const renewed = (oidcUser: { access_token: string }) => {
      token = oidcUser.access_token;
      setRenewalFailed(undefined);
    };
    // Without a refresh token or a silent sign-in, the user is told before the token runs out.
    const failed = () =>
      void manager.getUser().then((oidcUser) => {
        if (oidcUser?.expires_at) setRenewalFailed(new Date(oidcUser.expires_at * 1000));
      });
    manager.events.addUserLoaded(renewed);
    manager.events.addSilentRenewError(failed);
    return () => {
      manager.events.removeUserLoaded(renewed);
      manager.events.removeSilentRenewError(failed);
    };
  }, [manager]);

  useEffect(() => {
    const expired = () => void forget();
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, [forget]);

  const value: Session = {
    settings,
    user,
    failure,
    loading,
    renewalFailed,
    has: (role) => user?.roles.includes(role) ?? false,
    async signInDevelopment(request) {
      const answer = await unwrap(api.POST('/api/v1/session/dev-token', { body: request }));
      token = answer.accessToken;
      sessionStorage.setItem(DEV_TOKEN_KEY, token);
      await load();
    },
    async signInOidc() {
      await manager?.signinRedirect();
    },
    async completeOidc() {
      if (!manager) return;
      const oidcUser = await manager.signinRedirectCallback();
      token = oidcUser.access_token;
      await load(oidcUser.profile.name);
    },
    signOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
