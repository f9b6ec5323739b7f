// The small part of oidc-provider's API (v9, which ships no type declarations) that the demo
// issuer uses. Loose on purpose: the configuration is checked by oidc-provider at start.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AnyObject = Record<string, unknown>;

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: AnyObject };
    params: AnyObject & { client_id?: string; scope?: string; redirect_uri?: string };
    session?: { accountId: string; uid: string };
    grantId?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    getOIDCScope(): string;
    save(): Promise<string>;
  }

  export interface GrantClass {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  /** An access token as the models see it (opaque payload members are properties). */
  export interface AccessTokenModel {
    jti: string;
    accountId?: string;
    clientId: string;
    grantId?: string;
    scope?: string;
    iat?: number;
    exp?: number;
  }

  export interface AccessTokenClass {
    prototype: AccessTokenModel & {
      getValueAndPayload(this: AccessTokenModel): Promise<{ value: string; payload: AnyObject }>;
    };
    find(value: string, options?: AnyObject): Promise<unknown>;
  }

  export class Provider {
    constructor(issuer: string, configuration: AnyObject);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: GrantClass;
    readonly AccessToken: AccessTokenClass;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: AnyObject, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
