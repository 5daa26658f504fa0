package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class OriginKeepAliveTest {

  private static HttpResponse answer(HttpVersion version, String connection, String keepAlive) {
    HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
    if (connection != null) {
      response.headers().set("Connection", connection);
    }
    if (keepAlive != null) {
      response.headers().set("Keep-Alive", keepAlive);
    }
    return response;
  }

  @Test
  void anAnnouncedTimeoutEndsReuseASecondBeforeIt() {
    assertEquals(4000, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=5")));
    assertEquals(59_000, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, "keep-alive", "timeout=60, max=100")));
    assertEquals(4000, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "max=100, TimeOut = 5")));
  }

  @Test
  void aShortTimeoutIsHalved() {
    assertEquals(1000, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=2")));
    assertEquals(500, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=1")));
    assertEquals(OriginKeepAlive.NONE, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=0")));
  }

  @Test
  void noTimeoutOrAnUnreadableOneLeavesReuseToTheIdleTimeout() {
    assertEquals(OriginKeepAlive.UNBOUNDED, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, null)));
    assertEquals(OriginKeepAlive.UNBOUNDED, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "max=100")));
    assertEquals(OriginKeepAlive.UNBOUNDED, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=soon")));
    assertEquals(OriginKeepAlive.UNBOUNDED, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, null, "timeout=-5")));
  }

  @Test
  void aClosedConnectionIsNeverReused() {
    assertEquals(OriginKeepAlive.NONE, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_1, "close", "timeout=5")));
    assertEquals(OriginKeepAlive.NONE, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_0, null, null)));
    assertEquals(4000, OriginKeepAlive.reuseMillis(answer(HttpVersion.HTTP_1_0, "keep-alive", "timeout=5")));
  }
}
