package io.edgeroute.cache.lookup;

/**
 * A routing document in the store could not be read (a platform wrote it by hand and got it wrong).
 * The router answers such a request as a broken upstream, never by guessing.
 */
public final class InvalidRoutingDataException extends RuntimeException {

  private final String key;

  public InvalidRoutingDataException(String key, Throwable cause) {
    super("unreadable routing document at " + key + ": " + cause.getMessage(), cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
