package io.edgeroute.shared.bus;

/**
 * Every event-bus address Edgeroute uses, each with its payload and whether it is sent or
 * published. No address string appears anywhere else.
 */
public final class EventBusAddresses {

  private EventBusAddresses() {
  }

  /**
   * Published by the configuration watcher when a new, valid configuration has been loaded.
   * Payload: the whole configuration snapshot as a {@code JsonObject} (read it with
   * {@code EdgerouteOptions(JsonObject)}).
   */
  public static final String CONFIG_CHANGED = "edgeroute.config.changed";

  /**
   * Published (local to the node) by the cache verticle for every change message it receives from
   * the KV change channel or from another node. Payload: {@code KvChange#toJson()}.
   */
  public static final String KV_CHANGED = "edgeroute.kv.changed";

  /**
   * Published across the cluster by the node that learned of a change first, so other nodes apply
   * it even when the Redis channel lags. Payload: {@code KvChange#toJson()} plus {@code "origin"},
   * the publishing node's id.
   */
  public static final String CLUSTER_CHANGED = "edgeroute.cluster.changed";

  /**
   * Sent (request/reply) by a router instance on a microcache miss. Payload: {@code {"key": <full
   * KV key>}}; reply: the lookup result JSON of the cache verticle.
   */
  public static final String KV_LOOKUP = "edgeroute.kv.lookup";

  /**
   * Published (across the cluster when clustered) by a node's cache verticle for every purge it
   * learns of on the KV change channel; every node's cache verticle applies it to its response
   * cache. Payload: {@code KvChange#toJson()} of kind {@code purge} (key = site host). Applying a
   * purge twice is harmless, so a node that also heard it from Redis loses nothing.
   */
  public static final String RESPONSE_PURGE = "edgeroute.response.purge";
}
