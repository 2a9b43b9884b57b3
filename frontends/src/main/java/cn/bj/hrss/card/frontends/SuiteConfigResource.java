package cn.bj.hrss.card.frontends;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /suite-config.json}: where a page reaches the four APIs and how a person signs in. It
 * holds no secret: it is what the mini-program has compiled in.
 */
@Path("/suite-config.json")
public class SuiteConfigResource {

  /** The addresses and the sign-in, as the pages read them. */
  public record SuiteConfig(Map<String, String> apis, SignIn signIn) {}

  /** "dev" (the local run's issuer) or "oidc" (the bureau's provider), its address, the client. */
  public record SignIn(String kind, String url, String clientId) {}

  @ConfigProperty(name = "suite.frontends.api.application")
  String application;

  @ConfigProperty(name = "suite.frontends.api.card-production")
  String cardProduction;

  @ConfigProperty(name = "suite.frontends.api.bank-gateway")
  String bankGateway;

  @ConfigProperty(name = "suite.frontends.api.notification")
  String notification;

  @ConfigProperty(name = "suite.frontends.sign-in.kind")
  String signInKind;

  @ConfigProperty(name = "suite.frontends.sign-in.url")
  String signInUrl;

  @ConfigProperty(name = "suite.frontends.sign-in.client-id")
  String clientId;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SuiteConfig config() {
    return new SuiteConfig(
        Map.of(
            "application", application,
            "cardProduction", cardProduction,
            "bankGateway", bankGateway,
            "notification", notification),
        new SignIn(signInKind, signInUrl, clientId));
  }
}
