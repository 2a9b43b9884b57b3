package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.application.audit.ChainHashInterceptor;
import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.CardAggregate;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.index.CardIndexProjection;
import cn.bj.hrss.card.application.index.CardIndexStore;
import cn.bj.hrss.card.application.publishing.KafkaCardEventPublisher;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.identity.KeptTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Axon Framework, configured through its own configuration API and started with Quarkus: the card
 * aggregate, the JDBC event store on PostgreSQL (Jackson, contract type names), the tracking
 * processor that publishes stored events to Kafka, and the subscribing processor that keeps the
 * card index in the events' transaction.
 */
@ApplicationScoped
public class AxonSetup {

  private static final Logger LOG = Logger.getLogger(AxonSetup.class);

  private final DataSource dataSource;
  private final jakarta.transaction.TransactionManager jta;
  private final ReferenceData referenceData;
  private final BusinessClock clock;
  private final MeterRegistry registry;
  private final CardIndexStore cardIndex;
  private final String bootstrapServers;
  private final String topic;
  private final int partitions;
  private final short replicationFactor;
  private final int publishBatchSize;
  private final int publishSegments;

  private Configuration axon;
  private SegmentBalancer balancer;
  private KafkaProducer<String, byte[]> producer;

  AxonSetup(
      DataSource dataSource,
      jakarta.transaction.TransactionManager jta,
      ReferenceData referenceData,
      BusinessClock clock,
      MeterRegistry registry,
      CardIndexStore cardIndex,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.partitions") int partitions,
      @ConfigProperty(name = "card-events.replication-factor") short replicationFactor,
      @ConfigProperty(name = "card-events.publish-batch-size") int publishBatchSize,
      @ConfigProperty(name = "card-events.publish-segments") int publishSegments) {
    this.dataSource = dataSource;
    this.jta = jta;
    this.referenceData = referenceData;
    this.clock = clock;
    this.registry = registry;
    this.cardIndex = cardIndex;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.publishBatchSize = publishBatchSize;
    this.publishSegments = publishSegments;
  }

  void start(@Observes StartupEvent startup) {
    Properties kafka = new Properties();
    kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(kafka);
    KeptTopics.ensure(kafka, topic, partitions, replicationFactor);
    producer =
        new KafkaProducer<>(
            producerProperties(kafka), new StringSerializer(), new ByteArraySerializer());

    TransactionManager transactions = new JtaTransactionManager(jta);
    Serializer serializer = new ContractEventSerializer();
    DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
    KafkaCardEventPublisher publisher = new KafkaCardEventPublisher(producer, topic, registry);

    JdbcEventStorageEngine storage =
        JdbcEventStorageEngine.builder()
            .connectionProvider(connections)
            .transactionManager(transactions)
            .snapshotSerializer(serializer)
            .eventSerializer(serializer)
            .schema(eventSchema())
            .persistenceExceptionResolver(AxonSetup::isUniqueViolation)
            // Stored events of a superseded contract version are read at the current one
            // (docs/adr/0012). The engine is built here, so the chain is given to it directly.
            .upcasterChain(ContractEventUpcaster.chain())
            .build();

    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> serializer)
            .configureEventSerializer(c -> serializer)
            .configureMessageSerializer(c -> serializer)
            .configureCorrelationDataProviders(
                c -> List.of(new SimpleCorrelationDataProvider(CommandMetaData.KEYS)))
            .configureEmbeddedEventStore(c -> storage)
            .registerComponent(ReferenceData.class, c -> referenceData)
            .registerComponent(BusinessClock.class, c -> clock)
            // A command's card is sourced from the events its caller already read (ADR 32).
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(CardAggregate.class)
                    .configureRepository(OneReadPerCommand.Repository::new))
            .eventProcessing(
                processing ->
                    processing
                        .registerTokenStore(
                            c ->
                                JdbcTokenStore.builder()
                                    .connectionProvider(connections)
                                    .serializer(serializer)
                                    .schema(tokenSchema())
                                    .claimTimeout(Duration.ofSeconds(10))
                                    .build())
                        .registerTrackingEventProcessor(
                            KafkaCardEventPublisher.PROCESSING_GROUP,
                            c -> c.eventStore(),
                            c ->
                                // Segments split the cards (all of a card's events in one segment,
                                // so in order); every instance may publish every segment, and
                                // SegmentBalancer spreads them over the running instances.
                                TrackingEventProcessorConfiguration.forParallelProcessing(
                                        publishSegments)
                                    .andInitialSegmentsCount(publishSegments)
                                    .andBatchSize(publishBatchSize))
                        .registerListenerInvocationErrorHandler(
                            KafkaCardEventPublisher.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                        .registerEventHandler(c -> publisher)
                        // The card index (S-LIST-*, S-PICKUP-1) in the events' own transaction: a
                        // subscribing processor, and a failure fails the command.
                        .registerSubscribingEventProcessor(CardIndexProjection.PROCESSING_GROUP)
                        .registerListenerInvocationErrorHandler(
                            CardIndexProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                        .registerEventHandler(c -> new CardIndexProjection(cardIndex)))
            .buildConfiguration();
    // One command's events of a card share one instant (R-OLD-2); before the hash, which covers it.
    axon.eventStore().registerDispatchInterceptor(new OneInstantPerCommand());
    // The business date each event was decided on (S-PICKUP-1 counts days from it).
    axon.eventStore().registerDispatchInterceptor(new BusinessDateStamp(clock));
    // Tamper evidence: every stored event carries its chain hash (audit/EventChain).
    axon.eventStore().registerDispatchInterceptor(new ChainHashInterceptor(storage, serializer));
    // Last: the events a command appended, as stored, are its answer (ADR 32).
    axon.eventStore().registerDispatchInterceptor(OneReadPerCommand.recorder());
    axon.start();
    cardIndex.fillIfEmpty(axon.eventStore());
    balancer =
        new SegmentBalancer(
            dataSource,
            axon.eventProcessingConfiguration()
                .eventProcessor(
                    KafkaCardEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(),
            java.lang.management.ManagementFactory.getRuntimeMXBean().getName()
                + "/"
                + java.util.UUID.randomUUID());
    balancer.start();
    LOG.infof(
        "Axon started; publishing card events to topic %s at %s in %d segments",
        topic, bootstrapServers, publishSegments);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (balancer != null) {
      balancer.close();
    }
    if (axon != null) {
      axon.shutdown();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }

  /** The running Axon configuration, for operator commands on its processors. */
  public Configuration configuration() {
    return axon;
  }

  @Produces
  @ApplicationScoped
  CommandGateway commandGateway() {
    return axon.commandGateway();
  }

  @Produces
  @ApplicationScoped
  EventStore eventStore() {
    return axon.eventStore();
  }

  private static Properties producerProperties(Properties base) {
    Properties props = new Properties();
    props.putAll(base);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A batch waits for its acknowledgements inside a 60 s JTA transaction: fail well before that.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    return props;
  }

  /**
   * Two commands that append the same sequence number of one card (possible with several instances)
   * break the store's unique key; PostgreSQL reports SQLState 23505, which Axon's default resolver
   * does not know. Recognised, it becomes a ConcurrencyException (HTTP 409).
   */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getNextException() != null
          && "23505".equals(sql.getNextException().getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  static TokenSchema tokenSchema() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("time_stamp")
        .setOwnerColumn("owner")
        .build();
  }
}
