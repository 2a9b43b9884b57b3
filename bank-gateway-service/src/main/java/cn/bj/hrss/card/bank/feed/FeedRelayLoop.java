package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.relay.BackgroundLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs the relay of every bank with a backlog, from start-up to shutdown. */
@ApplicationScoped
public class FeedRelayLoop {

  private static final Logger LOG = Logger.getLogger(FeedRelayLoop.class);

  private final FeedRelay relay;
  private final BackgroundLoop loop;

  FeedRelayLoop(
      FeedRelay relay, @ConfigProperty(name = "bank-feed.relay.interval") Duration interval) {
    this.relay = relay;
    this.loop = new BackgroundLoop("bank-feed-relay", interval, this::round);
  }

  void start(@Observes StartupEvent startup) {
    loop.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    loop.close();
    relay.close();
  }

  public BackgroundLoop loop() {
    return loop;
  }

  private boolean round() throws Exception {
    boolean more = false;
    Exception failure = null;
    for (String bank : relay.banksWithBacklog()) {
      try {
        more |= relay.publishBatch(bank);
      } catch (Exception e) {
        // This bank's messages stay unpublished; the other banks go on.
        LOG.warnf("could not publish the feed of %s: %s", bank, e.toString());
        failure = e;
      }
    }
    if (failure != null && !more) {
      throw failure;
    }
    return more;
  }
}
