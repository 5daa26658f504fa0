package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Block {@code cluster}: the Hazelcast cluster joined with {@code -cluster} (TCP/IP member list,
 * no multicast). Restart-only.
 */
public class ClusterOptions {

  static final String PATH = "cluster";

  /** Default {@code cluster.name} = {@value}: nodes join only a cluster of the same name. */
  public static final String DEFAULT_NAME = "edgeroute";

  /** Default {@code cluster.host} = {@value}: the address this node binds and advertises. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default {@code cluster.port} = {@value}: Hazelcast's member port. */
  public static final int DEFAULT_PORT = 5701;

  /** Default {@code cluster.members} = [127.0.0.1:5701]: {@code host:port} of the members to contact. */
  public static final List<String> DEFAULT_MEMBERS = List.of("127.0.0.1:5701");

  private String name = DEFAULT_NAME;
  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private List<String> members = DEFAULT_MEMBERS;

  public ClusterOptions() {
  }

  public ClusterOptions(ClusterOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public ClusterOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  ClusterOptions(ConfigReader in, boolean strict) {
    name = in.string("name", DEFAULT_NAME);
    host = in.string("host", DEFAULT_HOST);
    port = in.integer("port", DEFAULT_PORT, 0, 65535);
    members = in.strings("members", DEFAULT_MEMBERS, Checks::hostPort);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public String getName() {
    return name;
  }

  public ClusterOptions setName(String name) {
    this.name = Checks.check(PATH + ".name", name, Checks::nonEmpty);
    return this;
  }

  public String getHost() {
    return host;
  }

  public ClusterOptions setHost(String host) {
    this.host = Checks.check(PATH + ".host", host, Checks::nonEmpty);
    return this;
  }

  public int getPort() {
    return port;
  }

  public ClusterOptions setPort(int port) {
    this.port = Checks.check(PATH + ".port", port, Checks::port);
    return this;
  }

  public List<String> getMembers() {
    return members;
  }

  public ClusterOptions setMembers(List<String> members) {
    this.members = List.copyOf(Checks.check(PATH + ".members", members, Checks.each(Checks::hostPort)));
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("host", host).put("port", port)
        .put("members", new JsonArray(new ArrayList<>(members)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterOptions && toJson().equals(((ClusterOptions) o).toJson());
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
