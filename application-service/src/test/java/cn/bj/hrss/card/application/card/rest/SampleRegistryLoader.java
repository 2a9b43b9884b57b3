package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.sample.SampleRegistry;
import java.net.URL;

/** Loads the sample registry into the service under test once per test JVM, through its API. */
final class SampleRegistryLoader {

  private static boolean loaded;

  private SampleRegistryLoader() {}

  static synchronized void loadOnce(URL root) {
    if (!loaded) {
      String url = root.toString();
      SampleRegistry.loadInto(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, 200);
      loaded = true;
    }
  }
}
