/** A running OpenSTS the interoperability suite talks to, embedded or distributed. */
export interface InteropTarget {
  /** `127.0.0.1:<port>` of the plain-HTTP gateway listener (the Tea SDKs' endpoint form). */
  readonly httpHost: string;
  /** `127.0.0.1:<port>` of the HTTPS listener (credentials provider, sts-sdk). */
  readonly httpsHost: string;
  /** CA the HTTPS certificate chains to (NODE_EXTRA_CA_CERTS for the https-only clients). */
  readonly caFile: string;
  /** The bootstrap account and its root AccessKey. */
  readonly root: { readonly accountId: string; readonly accessKeyId: string; readonly accessKeySecret: string };
  /** The deployment's SecurityToken key ring (`kid:base64`), to forge an expired token. */
  readonly tokenKeys: string;
}
