package cn.bj.hrss.card.infra;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The TLS certificate and the SCRAM-SHA-512 credentials of a local Kafka cluster (ADR 20), made
 * when the cluster is created and never committed: under {@code workDirectory/security}, a
 * self-signed certificate for 127.0.0.1 and localhost ({@code broker.p12}, made by the JDK's own
 * {@code keytool}; {@code ca.crt} is its certificate, the clients' trust store) and one random
 * password per principal of {@link SuiteKafkaAcls#principals()} ({@code
 * credentials/NAME.password}).
 *
 * <p>The brokers authenticate each other and their controllers with that certificate (mutual TLS,
 * principal {@link #BROKER_PRINCIPAL}), a super user; the tests' and tools' {@link
 * SuiteKafkaAcls#ADMIN} is the other one. Nobody is ANONYMOUS.
 */
public final class LocalKafkaSecurity {

  /** The brokers' own principal (their certificate's subject), on the internal listeners. */
  public static final String BROKER_PRINCIPAL = "User:CN=suite-kafka-broker";

  private final Path directory;
  private final String storePassword;
  private final Map<String, String> passwords;

  private LocalKafkaSecurity(Path directory, String storePassword, Map<String, String> passwords) {
    this.directory = directory;
    this.storePassword = storePassword;
    this.passwords = passwords;
  }

  /** Makes the certificate and the credentials under {@code directory} (created). */
  static LocalKafkaSecurity create(Path directory) {
    try {
      Files.createDirectories(directory.resolve("credentials"));
      String storePassword = randomSecret();
      Path keystore = directory.resolve("broker.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-sigalg",
          "SHA256withECDSA",
          "-dname",
          "CN=suite-kafka-broker",
          "-validity",
          "30",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-ext",
          "BC:c=ca:false",
          "-keystore",
          keystore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          storePassword,
          "-keypass",
          storePassword);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "broker",
          "-keystore",
          keystore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          storePassword,
          "-file",
          directory.resolve("ca.crt").toString());
      Map<String, String> passwords = new LinkedHashMap<>();
      for (String principal : SuiteKafkaAcls.principals()) {
        String password = randomSecret();
        passwords.put(principal, password);
        Files.writeString(
            directory.resolve("credentials").resolve(principal + ".password"), password);
      }
      return new LocalKafkaSecurity(directory, storePassword, passwords);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool did not finish within 60 s: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public Path directory() {
    return directory;
  }

  /** The clients' trust store: the brokers' certificate, PEM. */
  public Path trustStore() {
    return directory.resolve("ca.crt");
  }

  /** Where each principal's password is, one file {@code NAME.password} each. */
  public Path credentialsDirectory() {
    return directory.resolve("credentials");
  }

  public String password(String principal) {
    String password = passwords.get(principal);
    if (password == null) {
      throw new IllegalArgumentException("no Kafka principal " + principal);
    }
    return password;
  }

  /**
   * The {@code SUITE_KAFKA_*} settings ({@link KafkaClientSecurity}) a client of {@code principal}
   * needs: SCRAM-SHA-512 over TLS.
   */
  public Map<String, String> clientSettings(String principal) {
    Map<String, String> settings = new LinkedHashMap<>(commonSettings());
    settings.put(KafkaClientSecurity.USERNAME, principal);
    settings.put(KafkaClientSecurity.PASSWORD, password(principal));
    return settings;
  }

  /** The settings every client of this cluster shares (without a principal). */
  public Map<String, String> commonSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KafkaClientSecurity.PROTOCOL, "SASL_SSL");
    settings.put(KafkaClientSecurity.MECHANISM, "SCRAM-SHA-512");
    settings.put(KafkaClientSecurity.TRUSTSTORE, trustStore().toString());
    return settings;
  }

  /** A client's properties for {@code principal}: bootstrap servers and security. */
  public Properties clientProperties(String bootstrapServers, String principal) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    return KafkaClientSecurity.apply(props, clientSettings(principal));
  }

  /**
   * Writes {@code principal}'s client settings (without bootstrap servers) to {@code
   * NAME.client.properties} here, for Apache Kafka's own tools ({@code --command-config}, {@code
   * --consumer.config}, {@code --producer.config}); returns the file.
   */
  public Path writeClientConfig(String principal) {
    Properties props = KafkaClientSecurity.apply(new Properties(), clientSettings(principal));
    Path file = directory.resolve(principal + ".client.properties");
    try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, "Kafka client settings of " + principal + " (ADR 20)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A broker's security settings: clients on {@code CLIENTS} (SASL_SSL, SCRAM-SHA-512), brokers on
   * {@code INTERNAL} and controllers on {@code CONTROLLER} (both TLS with client certificates), the
   * StandardAuthorizer with the brokers' principal and the admin as the only super users.
   */
  Map<String, String> brokerConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("listener.security.protocol.map", "CLIENTS:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
    config.put("inter.broker.listener.name", "INTERNAL");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    config.put(
        "listener.name.clients.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    config.put("listener.name.internal.ssl.client.auth", "required");
    config.put("listener.name.controller.ssl.client.auth", "required");
    config.put("ssl.keystore.type", "PKCS12");
    config.put("ssl.keystore.location", directory.resolve("broker.p12").toString());
    config.put("ssl.keystore.password", storePassword);
    config.put("ssl.key.password", storePassword);
    config.put("ssl.truststore.type", "PEM");
    config.put("ssl.truststore.location", trustStore().toString());
    config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    config.put("allow.everyone.if.no.acl.found", "false");
    config.put("super.users", BROKER_PRINCIPAL + ";User:" + SuiteKafkaAcls.ADMIN);
    return config;
  }

  /** The storage tool's {@code --add-scram} arguments: every principal's credential. */
  List<String> scramFormatArguments() {
    List<String> args = new ArrayList<>();
    passwords.forEach(
        (principal, password) -> {
          args.add("--add-scram");
          args.add("SCRAM-SHA-512=[name=" + principal + ",password=" + password + "]");
        });
    return args;
  }
}
