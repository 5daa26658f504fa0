package io.edgeroute.shared.bus;

/**
 * Every event-bus address Edgeroute uses, each with its payload and whether it is sent or
 * published. No address string appears anywhere else.
 */
public final class EventBusAddresses {

  private EventBusAddresses() {
  }

  /**
   * Published, local to the node, by the configuration watcher when a new, valid configuration
   * has been loaded. Payload: the immutable {@code EdgerouteOptions} snapshot itself, through a
   * local-only codec (use {@code ConfigChanges} at both ends).
   */
  public static final String CONFIG_CHANGED = "edgeroute.config.changed";

  /**
   * Published across the cluster by the admin API that made a write, at once, and by a node's cache
   * verticle for each change it heard from its own Redis subscription before hearing it from a
   * peer, so every node applies it even when its Redis channel lags. Receivers apply it once
   * (deduplicated with their own subscription by kind, key and version, a purge by its id) and never
   * publish it again.
   * Payload: {@code KvChange#toJson()} plus {@link #CLUSTER_CHANGED_ORIGIN}, the sender's id (a
   * cache verticle ignores its own).
   */
  public static final String CLUSTER_CHANGED = "edgeroute.cluster.changed";

  /** The field of a {@link #CLUSTER_CHANGED} message naming its sender. */
  public static final String CLUSTER_CHANGED_ORIGIN = "origin";
}
