package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvPage;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvSubscription;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Fault injection around a real store: every call goes to {@code delegate} except the next call of
 * the operation armed with {@link #failNext}, which fails with {@link KvUnavailableException} as if
 * the node holding that key had gone away between two steps of a write.
 */
final class FaultyKvStore implements KvStore {

  private final KvStore delegate;
  private final AtomicReference<String> armed = new AtomicReference<>();
  private volatile boolean pingFails;

  FaultyKvStore(KvStore delegate) {
    this.delegate = delegate;
  }

  /** Fails the next call of {@code operation} ({@code "put"}, {@code "removeFromSet"}, ...) once. */
  void failNext(String operation) {
    armed.set(operation);
  }

  void pingFails(boolean fails) {
    pingFails = fails;
  }

  private <T> Future<T> call(String operation, Supplier<Future<T>> call) {
    if (armed.compareAndSet(operation, null)) {
      return Future.failedFuture(new KvUnavailableException("injected failure of " + operation, null));
    }
    return call.get();
  }

  @Override
  public Future<KvEntry> get(String key) {
    return call("get", () -> delegate.get(key));
  }

  @Override
  public Future<Void> put(String key, String value, long expectedVersion) {
    return call("put", () -> delegate.put(key, value, expectedVersion));
  }

  @Override
  public Future<Boolean> delete(String key, long expectedVersion) {
    return call("delete", () -> delegate.delete(key, expectedVersion));
  }

  @Override
  public Future<KvPage> scan(String prefix, String cursor, int count) {
    return call("scan", () -> delegate.scan(prefix, cursor, count));
  }

  @Override
  public Future<Void> addToSet(String key, String member) {
    return call("addToSet", () -> delegate.addToSet(key, member));
  }

  @Override
  public Future<Void> removeFromSet(String key, String member) {
    return call("removeFromSet", () -> delegate.removeFromSet(key, member));
  }

  @Override
  public Future<List<String>> members(String key) {
    return call("members", () -> delegate.members(key));
  }

  @Override
  public Future<Void> publish(KvChange change) {
    return call("publish", () -> delegate.publish(change));
  }

  @Override
  public Future<KvSubscription> subscribe(Handler<KvChange> handler) {
    return delegate.subscribe(handler);
  }

  @Override
  public Future<Void> ping() {
    return pingFails ? Future.failedFuture(new KvUnavailableException("injected: down", null)) : delegate.ping();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
