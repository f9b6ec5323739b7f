// What the interop tests know about each provider under test.
import type { ClientAuthMethod } from '../../../src/core/oidc/clientAuth';

export interface ProviderOptions {
  /** Seconds the provider's clock runs ahead of ours (negative: behind), through libfaketime. */
  clockOffsetSeconds?: number;
}

export interface InteropClient {
  clientId: string;
  clientSecret?: string;
  /** A PEM or ZITADEL-style key JSON, for private_key_jwt. */
  key?: string;
  /** The method this client is registered with at the provider. */
  method: ClientAuthMethod;
}

export interface InteropProvider {
  name: string;
  issuer: string;
  /** A public (PKCE, auth method none) client. */
  publicClient: string;
  /** A public client allowed the device flow, when not the same. */
  deviceClient?: string;
  /** Confidential clients, one per auth method the provider supports; a method absent here is not offered. */
  confidential: InteropClient[];
  /** Set when the provider compares loopback redirect ports (RFC 8252 §7.3 says not to): the registered port. */
  redirectPort?: number;
  /** Follows the authorization URL like a browser (login, consent) to the redirect to us; returns that URL. */
  login(authorizationUrl: string): Promise<URL>;
  /** Completes a device authorization, when the provider offers the device flow. */
  completeDevice?(verificationUriComplete: string): Promise<void>;
  /** Why a feature is not tested here, by feature. */
  skips: Partial<Record<'device' | 'endSession' | 'clockFarBehind' | ClientAuthMethod, string>>;
  stop(): Promise<void>;
}
