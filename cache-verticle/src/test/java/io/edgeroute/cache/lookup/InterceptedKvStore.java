package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/** A real store with some of its calls answered by the test instead: to count, hold or fail reads. */
final class InterceptedKvStore {

  private InterceptedKvStore() {
  }

  /**
   * @param own answers a call (by method name and arguments) in the store's place, or {@code null}
   *     to let the store answer it
   * @return a store whose calls go to {@code store} unless {@code own} answers them
   */
  static KvStore of(KvStore store, BiFunction<String, Object[], Object> own) {
    return (KvStore) Proxy.newProxyInstance(KvStore.class.getClassLoader(), new Class<?>[] {KvStore.class},
        (proxy, method, args) -> {
          Object answer = own.apply(method.getName(), args);
          if (answer != null) {
            return answer;
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
