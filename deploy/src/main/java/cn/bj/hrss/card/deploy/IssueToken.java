package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code deploy/token.sh ROLE SUBJECT [MINUTES]}: prints a token of the running local suite's
 * development issuer (its keys are in target/local-run-logs/jwt), for curl or a frontend.
 */
public final class IssueToken {

  static final List<String> ROLES =
      List.of(
          Roles.CITIZEN,
          Roles.EMPLOYER,
          Roles.UNIVERSITY,
          Roles.COMMUNITY,
          Roles.BANK,
          Roles.CARD_FACTORY,
          Roles.OPERATOR,
          Roles.AUDITOR);

  private IssueToken() {}

  public static void main(String[] args) {
    if (args.length < 2 || !ROLES.contains(args[0])) {
      System.err.println("usage: deploy/token.sh ROLE SUBJECT [MINUTES]");
      System.err.println("  ROLE: one of " + ROLES);
      System.err.println(
          "  SUBJECT: a citizen's ID number, an organisation id, a bank code, a factory id or a"
              + " staff id");
      System.exit(2);
    }
    Path directory = Path.of(System.getProperty("suite.home", ".")).resolve(LocalSuite.JWT_DIR);
    if (!Files.isRegularFile(directory.resolve("private-key.pem"))) {
      System.err.println(
          "no local run's keys in " + directory + ": start deploy/run-local.sh first");
      System.exit(1);
    }
    DevTokens issuer = DevTokens.readFrom(directory);
    Duration lifetime =
        args.length > 2 ? Duration.ofMinutes(Long.parseLong(args[2])) : DevTokens.DEFAULT_LIFETIME;
    System.out.println(
        args[0].equals(Roles.CITIZEN)
            ? issuer.citizen(args[1])
            : issuer.token(args[0], args[1], lifetime));
  }
}
