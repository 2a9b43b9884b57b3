package cn.bj.hrss.card.application.audit;

import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/** Audit commands for operators and auditors. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final ChainVerifier verifier;

  AuditResource(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Checks the tamper-evidence chain of one card ({@code ?cardId=}) or of the whole store, and
   * names the first event that does not match.
   */
  @GET
  @Path("/verify")
  public ChainVerifier.Report verify(
      @BeanParam CallerHeaders headers, @QueryParam("cardId") String cardId) throws SQLException {
    headers.context().requireRole("OPERATOR", "AUDITOR");
    return verifier.verify(cardId);
  }
}
