package cn.bj.hrss.card.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The highest VmRSS of each service while it runs, read every 500 ms. */
final class RssSampler {
  private final Map<String, Double> max = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread;

  RssSampler(Map<String, Suite.Service> services) {
    thread =
        new Thread(
            () -> {
              while (!stop.get()) {
                services.forEach((n, s) -> max.merge(n, Procs.rssMiB(s.pid()), Math::max));
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    thread.start();
  }

  Map<String, Double> stop() throws InterruptedException {
    stop.set(true);
    thread.join();
    return max;
  }
}
