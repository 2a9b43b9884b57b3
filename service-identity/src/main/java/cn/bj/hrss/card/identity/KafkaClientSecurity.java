package cn.bj.hrss.card.identity;

import java.util.Map;
import java.util.function.Function;

/**
 * The security settings of every Kafka client of the suite (ADR 20), from the environment: each
 * place that creates a producer, consumer or admin client passes its properties through {@link
 * #apply} once, so that a service authenticates as its own principal wherever it talks to Kafka.
 *
 * <ul>
 *   <li>{@code SUITE_KAFKA_SECURITY_PROTOCOL}: {@code PLAINTEXT} (the default: the in-JVM test
 *       broker), {@code SASL_SSL} (SCRAM-SHA-512 over TLS: the local cluster and Kubernetes),
 *       {@code SASL_PLAINTEXT} or {@code SSL} (mutual TLS).
 *   <li>{@code SUITE_KAFKA_USERNAME}, {@code SUITE_KAFKA_PASSWORD}: the SCRAM principal; required
 *       with a SASL protocol (a service never falls back to an anonymous connection).
 *   <li>{@code SUITE_KAFKA_SASL_MECHANISM}: default {@code SCRAM-SHA-512}.
 *   <li>{@code SUITE_KAFKA_TRUSTSTORE}: the file of the certificate authority the brokers'
 *       certificates are signed by; {@code SUITE_KAFKA_TRUSTSTORE_TYPE} ({@code PEM} for a {@code
 *       .crt} or {@code .pem} file, else {@code PKCS12}) and {@code
 *       SUITE_KAFKA_TRUSTSTORE_PASSWORD} (not for PEM).
 *   <li>{@code SUITE_KAFKA_KEYSTORE}, {@code SUITE_KAFKA_KEYSTORE_TYPE}, {@code
 *       SUITE_KAFKA_KEYSTORE_PASSWORD}: the client certificate, for mutual TLS ({@code SSL}).
 * </ul>
 */
public final class KafkaClientSecurity {

  public static final String PROTOCOL = "SUITE_KAFKA_SECURITY_PROTOCOL";
  public static final String MECHANISM = "SUITE_KAFKA_SASL_MECHANISM";
  public static final String USERNAME = "SUITE_KAFKA_USERNAME";
  public static final String PASSWORD = "SUITE_KAFKA_PASSWORD";
  public static final String TRUSTSTORE = "SUITE_KAFKA_TRUSTSTORE";
  public static final String TRUSTSTORE_TYPE = "SUITE_KAFKA_TRUSTSTORE_TYPE";
  public static final String TRUSTSTORE_PASSWORD = "SUITE_KAFKA_TRUSTSTORE_PASSWORD";
  public static final String KEYSTORE = "SUITE_KAFKA_KEYSTORE";
  public static final String KEYSTORE_TYPE = "SUITE_KAFKA_KEYSTORE_TYPE";
  public static final String KEYSTORE_PASSWORD = "SUITE_KAFKA_KEYSTORE_PASSWORD";

  private KafkaClientSecurity() {}

  /** Adds the settings of this process's environment to a client's properties; returns them. */
  public static <M extends Map<Object, Object>> M apply(M clientProperties) {
    return apply(clientProperties, System::getenv);
  }

  /**
   * A copy of a client's properties with this process's settings added, for {@code Admin.create}.
   */
  public static java.util.Properties secured(Map<String, ?> clientProperties) {
    java.util.Properties props = new java.util.Properties();
    props.putAll(clientProperties);
    return apply(props);
  }

  /** The same from the given settings (by the environment variables' names). */
  public static <M extends Map<Object, Object>> M apply(
      M clientProperties, Map<String, String> settings) {
    return apply(clientProperties, settings::get);
  }

  /** The same from a lookup by the environment variables' names (null or blank: not set). */
  public static <M extends Map<Object, Object>> M apply(
      M clientProperties, Function<String, String> settings) {
    clientProperties.putAll(properties(settings));
    return clientProperties;
  }

  /** The client properties the settings give: empty for PLAINTEXT. */
  public static Map<String, String> properties(Function<String, String> settings) {
    String protocol = value(settings, PROTOCOL, "PLAINTEXT").toUpperCase(java.util.Locale.ROOT);
    Map<String, String> props = new java.util.LinkedHashMap<>();
    switch (protocol) {
      case "PLAINTEXT":
        return props;
      case "SASL_SSL", "SASL_PLAINTEXT", "SSL":
        break;
      default:
        throw new IllegalStateException(
            PROTOCOL + " must be PLAINTEXT, SASL_SSL, SASL_PLAINTEXT or SSL, not " + protocol);
    }
    props.put("security.protocol", protocol);
    if (protocol.startsWith("SASL_")) {
      String mechanism = value(settings, MECHANISM, "SCRAM-SHA-512");
      String username = required(settings, USERNAME, protocol);
      String password = required(settings, PASSWORD, protocol);
      String module =
          mechanism.equals("PLAIN")
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put("sasl.mechanism", mechanism);
      props.put(
          "sasl.jaas.config",
          module
              + " required username=\""
              + jaasEscaped(username)
              + "\" password=\""
              + jaasEscaped(password)
              + "\";");
    }
    if (protocol.endsWith("SSL")) {
      String truststore = value(settings, TRUSTSTORE, "");
      if (!truststore.isEmpty()) {
        String type = value(settings, TRUSTSTORE_TYPE, storeType(truststore));
        props.put("ssl.truststore.location", truststore);
        props.put("ssl.truststore.type", type);
        String password = value(settings, TRUSTSTORE_PASSWORD, "");
        if (!password.isEmpty()) {
          props.put("ssl.truststore.password", password);
        }
      }
      String keystore = value(settings, KEYSTORE, "");
      if (!keystore.isEmpty()) {
        props.put("ssl.keystore.location", keystore);
        props.put("ssl.keystore.type", value(settings, KEYSTORE_TYPE, storeType(keystore)));
        String password = value(settings, KEYSTORE_PASSWORD, "");
        if (!password.isEmpty()) {
          props.put("ssl.keystore.password", password);
        }
      } else if (protocol.equals("SSL")) {
        throw new IllegalStateException(
            PROTOCOL + "=SSL (mutual TLS) needs " + KEYSTORE + ", the client's certificate");
      }
    }
    return props;
  }

  /** Who the settings authenticate as: the SCRAM user name, or empty (PLAINTEXT, mutual TLS). */
  public static String principal(Function<String, String> settings) {
    return value(settings, USERNAME, "");
  }

  private static String storeType(String file) {
    String name = file.toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".pem") || name.endsWith(".crt") ? "PEM" : "PKCS12";
  }

  private static String value(Function<String, String> settings, String name, String fallback) {
    String value = settings.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String required(Function<String, String> settings, String name, String protocol) {
    String value = value(settings, name, "");
    if (value.isEmpty()) {
      throw new IllegalStateException(
          PROTOCOL + "=" + protocol + " needs " + name + ": no Kafka client connects anonymously");
    }
    return value;
  }

  private static String jaasEscaped(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
