package cn.bj.hrss.card.notification.patterns;

import cn.bj.hrss.card.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/** Suspicious patterns for operators, personal data masked. */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Path("/notifications/suspicious")
@Produces(MediaType.APPLICATION_JSON)
public class SuspiciousPatternsResource {

  private final SuspiciousPatterns patterns;

  SuspiciousPatternsResource(SuspiciousPatterns patterns) {
    this.patterns = patterns;
  }

  @GET
  public SuspiciousPatterns.Report report() throws SQLException {
    return patterns.report();
  }
}
