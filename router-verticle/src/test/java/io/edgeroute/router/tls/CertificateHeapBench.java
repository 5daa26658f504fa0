package io.edgeroute.router.tls;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Heap held by a node's certificate cache once {@code count} certificates (EC P-256 leaf, one
 * certificate per name) have each been served once: what {@code tls.maxCachedCertificates} bounds.
 * Not a test: run {@code scripts/bench-tls.sh heap}.
 */
public final class CertificateHeapBench {

  private CertificateHeapBench() {
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("certificates", 10_000);
    Vertx vertx = Vertx.vertx();
    KvKeys keys = KvKeys.defaults();
    KvStore store = await(MemoryKvStore.open(vertx, null, keys));
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    KeyCipher cipher = new KeyCipher(kek);
    for (int i = 0; i < count; i++) {
      String host = "h" + i + ".bench.example";
      TestCertificates.Issued issued = TestCertificates.selfSigned(host);
      await(store.put(keys.site(host), new JsonObject().put("origin", new JsonObject().put("url", "http://o.example"))
          .encode(), KvStore.ANY_VERSION));
      await(store.put(keys.cert(host), StoredCertificate.sealed(host, issued.chain(), issued.key(),
          StoredCertificate.UPLOADED, cipher).toJson().encode(), KvStore.ANY_VERSION));
    }
    CertificateCache cache = new CertificateCache(vertx.getOrCreateContext(), store, keys, cipher,
        Duration.ofSeconds(10), count, Duration.ofMinutes(1), Duration.ofSeconds(5));
    long before = usedHeap();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (cache.resolve("h" + i + ".bench.example") == null) {
        throw new IllegalStateException("no certificate for h" + i);
      }
    }
    long loadMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long after = usedHeap();
    System.out.printf("%d certificates cached (%d names) in %d ms: %.1f MiB of heap, %d bytes per certificate%n",
        count, cache.size(), loadMs, (after - before) / 1048576.0, (after - before) / count);
    Reference.reachabilityFence(cache);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
