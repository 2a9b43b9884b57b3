package cn.bj.hrss.card.application.audit;

import cn.bj.hrss.card.application.axon.AxonSetup;
import cn.bj.hrss.card.application.publishing.KafkaCardEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.jboss.logging.Logger;

/** Sends the whole event store to Kafka again, by rewinding the publishing processor. */
@ApplicationScoped
public class StoreRepublisher {

  private static final Logger LOG = Logger.getLogger(StoreRepublisher.class);

  private final AxonSetup axon;

  StoreRepublisher(AxonSetup axon) {
    this.axon = axon;
  }

  public synchronized void republishAll() {
    TrackingEventProcessor publisher =
        axon.configuration()
            .eventProcessingConfiguration()
            .eventProcessor(KafkaCardEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    publisher.shutDown();
    publisher.resetTokens();
    publisher.start();
    LOG.info("republishing the event store to Kafka from the first event");
  }
}
