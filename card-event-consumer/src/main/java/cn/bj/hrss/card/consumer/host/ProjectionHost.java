package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.LiveCardEvents;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.observability.PolledGauges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Hosts a service's projection of the card topic (its {@link HostedProjection}): feeds the topic
 * into it from start-up to shutdown (its liveness: {@link ProjectionLiveness}), gives the
 * operator's rebuild its consumer and tables, keeps the dead letters for {@link
 * DeadLetterEndpoints}, and registers the outbox gauge. Every service that has this library on its
 * class path is a consumer service and declares one {@link HostedProjection} (ADR 26).
 */
@ApplicationScoped
public class ProjectionHost {

  private final HostedProjection projection;
  private final DataSource dataSource;
  private final LiveCardEvents live;
  private final ProjectionRebuild rebuild;
  private final DeadLetters deadLetters;

  ProjectionHost(HostedProjection projection, DataSource dataSource) {
    this.projection = projection;
    this.dataSource = dataSource;
    this.live =
        projection.batchStart() == null
            ? new LiveCardEvents(projection.change(), dataSource)
            : new LiveCardEvents(projection.change(), projection.batchStart(), dataSource);
    this.rebuild =
        new ProjectionRebuild(
            projection.service(),
            dataSource,
            live.bootstrapServers(),
            projection.layout(),
            live,
            projection.change());
    this.deadLetters = DeadLetters.fromConfig(dataSource);
  }

  void start(@Observes StartupEvent startup, PolledGauges gauges) {
    HostedProjection.Outbox outbox = projection.outbox();
    if (outbox != null) {
      gauges.registerOutbox(outbox.name(), dataSource, outbox.waitingCountSql());
    }
    live.startConsuming();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    live.stopConsuming();
  }

  @PreDestroy
  void close() {
    deadLetters.close();
  }

  @Produces
  @Singleton
  ProjectionRebuild rebuild() {
    return rebuild;
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  HostedProjection projection() {
    return projection;
  }

  LiveCardEvents live() {
    return live;
  }
}
