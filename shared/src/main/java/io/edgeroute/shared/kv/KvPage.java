package io.edgeroute.shared.kv;

import java.util.List;

/**
 * One page of a {@link KvStore#scan} over a key prefix.
 *
 * @param keys the full keys found on this page
 * @param next the cursor for the next page, {@code null} when the scan is complete
 */
public record KvPage(List<String> keys, String next) {
  public KvPage {
    keys = List.copyOf(keys);
  }

  public boolean done() {
    return next == null;
  }
}
