package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * Block {@code router.https}: the public HTTPS listener (SPEC §9). Restart-only. The listener is bound
 * on {@code router.host} when the port is not 0 and {@code tls.keyEncryptionKey} is set: every stored
 * private key is encrypted under that key, so without it no handshake could ever succeed.
 */
public class HttpsOptions {

  static final String PATH = "https";

  /** Default {@code router.https.port} = {@value}; 0 turns the HTTPS listener off. */
  public static final int DEFAULT_PORT = 8443;

  private int port = DEFAULT_PORT;

  public HttpsOptions() {
  }

  public HttpsOptions(HttpsOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public HttpsOptions(JsonObject json) {
    this(ConfigReader.of(RouterOptions.PATH + "." + PATH, json), true);
  }

  HttpsOptions(ConfigReader in, boolean strict) {
    port = in.integer("port", DEFAULT_PORT, 0, 65535);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  /** @return the HTTPS port; 0 means no HTTPS listener */
  public int getPort() {
    return port;
  }

  public HttpsOptions setPort(int port) {
    this.port = Checks.check(RouterOptions.PATH + "." + PATH + ".port", port, Checks.range(0, 65535));
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("port", port);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpsOptions && toJson().equals(((HttpsOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
