package cn.bj.hrss.card.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the suite's Kafka (ADR 20): one principal per service and per partner bank,
 * each allowed exactly what it does and nothing else; the local cluster ({@link LocalKafkaCluster})
 * grants these, and deploy/k8s's KafkaUsers grant the same.
 *
 * <ul>
 *   <li>application-service writes {@code card-lifecycle.v1} and {@code official-calendar.v1}
 *       (creating them, KeptTopics).
 *   <li>Each consumer service reads {@code card-lifecycle.v1} with its own group and writes (and
 *       re-reads, to re-drive) only its own dead-letter topic {@code <group>.dead-letters.v1}.
 *   <li>card-production-service also writes {@code production-alerts.v1} and reads {@code
 *       official-calendar.v1} (groups {@code card-production-service-calendar-*}).
 *   <li>notification-service also reads {@code production-alerts.v1} (group {@code
 *       notification-service-alerts}).
 *   <li>bank-gateway-service writes the bank topics {@code bank.<BANK>.cards.v1} (prefix {@code
 *       bank.}) and reads the offsets of the banks' groups (delivery state).
 *   <li>Each bank reads only its own topic, with groups {@code bank.<BANK>.*}.
 * </ul>
 */
public final class SuiteKafkaAcls {

  /** The tests' and operators' tools: a super user, as the brokers' own principal is. */
  public static final String ADMIN = "admin";

  public static final String APPLICATION_SERVICE = "application-service";
  public static final String CARD_PRODUCTION_SERVICE = "card-production-service";
  public static final String BANK_GATEWAY_SERVICE = "bank-gateway-service";
  public static final String NOTIFICATION_SERVICE = "notification-service";

  public static final List<String> SERVICES =
      List.of(
          APPLICATION_SERVICE, CARD_PRODUCTION_SERVICE, BANK_GATEWAY_SERVICE, NOTIFICATION_SERVICE);

  /** The partner banks, as in deploy/k8s/11-kafka-topics.yaml. */
  public static final List<String> BANKS =
      List.of(
          "ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB", "CITIC", "CEB", "CMBC",
          "CGB", "CMB", "SPDB", "PSBC");

  static final String CARD_LIFECYCLE = "card-lifecycle.v1";
  static final String PRODUCTION_ALERTS = "production-alerts.v1";
  static final String OFFICIAL_CALENDAR = "official-calendar.v1";

  private SuiteKafkaAcls() {}

  /** A bank's principal, as its KafkaUser is named: {@code bank-icbc}. */
  public static String bankPrincipal(String bankCode) {
    return "bank-" + bankCode.toLowerCase(Locale.ROOT);
  }

  /** Every principal with a SCRAM credential: the admin, the services and the banks. */
  public static List<String> principals() {
    List<String> all = new ArrayList<>();
    all.add(ADMIN);
    all.addAll(SERVICES);
    BANKS.forEach(bank -> all.add(bankPrincipal(bank)));
    return all;
  }

  /** What each principal may do (the admin is a super user and has no ACL). */
  public static Map<String, List<AclBinding>> byPrincipal() {
    Map<String, List<AclBinding>> acls = new LinkedHashMap<>();
    acls.put(
        APPLICATION_SERVICE, producerOf(APPLICATION_SERVICE, CARD_LIFECYCLE, OFFICIAL_CALENDAR));

    List<AclBinding> production = new ArrayList<>(cardConsumer(CARD_PRODUCTION_SERVICE));
    production.addAll(producerOf(CARD_PRODUCTION_SERVICE, PRODUCTION_ALERTS));
    production.addAll(reads(CARD_PRODUCTION_SERVICE, OFFICIAL_CALENDAR));
    production.addAll(
        group(CARD_PRODUCTION_SERVICE, "card-production-service-calendar-", PatternType.PREFIXED));
    acls.put(CARD_PRODUCTION_SERVICE, production);

    List<AclBinding> bankGateway = new ArrayList<>(cardConsumer(BANK_GATEWAY_SERVICE));
    bankGateway.addAll(
        producing(
            BANK_GATEWAY_SERVICE,
            new ResourcePattern(ResourceType.TOPIC, "bank.", PatternType.PREFIXED)));
    // The delivery state: the banks' groups and their committed offsets, never their records.
    bankGateway.add(
        allow(
            BANK_GATEWAY_SERVICE,
            ResourceType.GROUP,
            "bank.",
            PatternType.PREFIXED,
            AclOperation.DESCRIBE));
    acls.put(BANK_GATEWAY_SERVICE, bankGateway);

    List<AclBinding> notification = new ArrayList<>(cardConsumer(NOTIFICATION_SERVICE));
    notification.addAll(reads(NOTIFICATION_SERVICE, PRODUCTION_ALERTS));
    notification.addAll(
        group(NOTIFICATION_SERVICE, "notification-service-alerts", PatternType.LITERAL));
    acls.put(NOTIFICATION_SERVICE, notification);

    for (String bank : BANKS) {
      String principal = bankPrincipal(bank);
      List<AclBinding> reader = new ArrayList<>(reads(principal, "bank." + bank + ".cards.v1"));
      reader.add(
          allow(
              principal,
              ResourceType.GROUP,
              "bank." + bank + ".",
              PatternType.PREFIXED,
              AclOperation.READ));
      acls.put(principal, reader);
    }
    return acls;
  }

  /** All of them, for {@code Admin.createAcls}. */
  public static List<AclBinding> all() {
    return byPrincipal().values().stream().flatMap(List::stream).toList();
  }

  /** Reads the card topic with its own group (named after the service); its own dead letters. */
  private static List<AclBinding> cardConsumer(String service) {
    List<AclBinding> acls = new ArrayList<>(reads(service, CARD_LIFECYCLE));
    acls.addAll(group(service, service, PatternType.LITERAL));
    String deadLetters = service + ".dead-letters.v1";
    acls.addAll(producerOf(service, deadLetters));
    acls.add(
        allow(service, ResourceType.TOPIC, deadLetters, PatternType.LITERAL, AclOperation.READ));
    return acls;
  }

  private static List<AclBinding> producerOf(String principal, String... topics) {
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : topics) {
      acls.addAll(
          producing(
              principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL)));
    }
    return acls;
  }

  /** Writes a topic, and creates it and keeps it forever if it is missing (KeptTopics). */
  private static List<AclBinding> producing(String principal, ResourcePattern topic) {
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation operation :
        List.of(
            AclOperation.WRITE,
            AclOperation.DESCRIBE,
            AclOperation.CREATE,
            AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS)) {
      acls.add(new AclBinding(topic, entry(principal, operation)));
    }
    return acls;
  }

  private static List<AclBinding> reads(String principal, String topic) {
    return List.of(
        allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ),
        allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
  }

  private static List<AclBinding> group(String principal, String name, PatternType pattern) {
    return List.of(
        allow(principal, ResourceType.GROUP, name, pattern, AclOperation.READ),
        allow(principal, ResourceType.GROUP, name, pattern, AclOperation.DESCRIBE));
  }

  private static AclBinding allow(
      String principal,
      ResourceType type,
      String name,
      PatternType pattern,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern), entry(principal, operation));
  }

  private static AccessControlEntry entry(String principal, AclOperation operation) {
    return new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW);
  }
}
