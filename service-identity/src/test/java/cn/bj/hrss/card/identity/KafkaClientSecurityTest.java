package cn.bj.hrss.card.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

  @Test
  void plaintextAddsNothing() {
    Properties props = new Properties();
    props.put("bootstrap.servers", "127.0.0.1:9092");
    KafkaClientSecurity.apply(props, Map.of());
    assertEquals(1, props.size());
  }

  @Test
  void scramOverTlsNamesThePrincipalAndTheTrustStore() {
    Properties props =
        KafkaClientSecurity.apply(
            new Properties(),
            Map.of(
                KafkaClientSecurity.PROTOCOL, "SASL_SSL",
                KafkaClientSecurity.USERNAME, "notification-service",
                KafkaClientSecurity.PASSWORD, "p\"w",
                KafkaClientSecurity.TRUSTSTORE, "/etc/kafka-ca/ca.crt"));
    assertEquals("SASL_SSL", props.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
    assertEquals(
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"notification-service\" password=\"p\\\"w\";",
        props.get("sasl.jaas.config"));
    assertEquals("/etc/kafka-ca/ca.crt", props.get("ssl.truststore.location"));
    assertEquals("PEM", props.get("ssl.truststore.type"));
  }

  @Test
  void saslWithoutCredentialsFailsClosed() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                KafkaClientSecurity.apply(
                    new Properties(),
                    Map.of(
                        KafkaClientSecurity.PROTOCOL, "SASL_SSL",
                        KafkaClientSecurity.USERNAME, "application-service")));
    assertTrue(e.getMessage().contains(KafkaClientSecurity.PASSWORD), e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () ->
            KafkaClientSecurity.apply(
                new Properties(), Map.of(KafkaClientSecurity.PROTOCOL, "SASL_SSSL")));
  }
}
