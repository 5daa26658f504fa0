package io.edgeroute.shared.kv;

/** The store could not be reached or did not answer in time. */
public final class KvUnavailableException extends RuntimeException {

  public KvUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
