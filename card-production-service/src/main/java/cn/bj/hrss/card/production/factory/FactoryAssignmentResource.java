package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.rest.TokenCaller;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.List;

/**
 * Which factories produce which bank's cards (S-FACTORY-1, ADR 24): operators and auditors read it;
 * only an operator changes it, and every change is audited with the operator's token subject.
 */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Path("/factory-assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FactoryAssignmentResource {

  /** A bank's factories from now on, and why. */
  public record Replacement(List<String> factories, String reason) {}

  /** One more factory for a bank, and why. */
  public record Addition(String factoryId, String reason) {}

  private final FactoryAssignments assignments;

  FactoryAssignmentResource(FactoryAssignments assignments) {
    this.assignments = assignments;
  }

  /** Every bank that has factories, with them. */
  @GET
  public List<FactoryAssignments.BankFactories> all() throws SQLException {
    return assignments.all();
  }

  /** Every change, oldest first; {@code bankCode} for one bank's. */
  @GET
  @Path("/changes")
  public List<FactoryAssignments.Change> changes(@QueryParam("bankCode") String bankCode)
      throws SQLException {
    if (bankCode != null) {
      FactoryAssignments.checkBank(bankCode);
    }
    return assignments.changes(bankCode);
  }

  /** One bank's factories (none for a bank without any). */
  @GET
  @Path("/{bankCode}")
  public FactoryAssignments.BankFactories of(@PathParam("bankCode") String bankCode)
      throws SQLException {
    return assignments.of(bankCode);
  }

  /** Replaces the bank's factories; its orders move to them at once. */
  @RolesAllowed(Roles.OPERATOR)
  @PUT
  @Path("/{bankCode}")
  public FactoryAssignments.Change replace(
      @PathParam("bankCode") String bankCode, Replacement body, @Context SecurityContext security)
      throws SQLException {
    if (body == null) {
      throw Refusal.badRequest("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
    return assignments.replace(
        bankCode, body.factories(), body.reason(), TokenCaller.subject(security));
  }

  /** Adds a factory to the bank's; its orders are the new factory's too at once. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/{bankCode}/factories")
  public FactoryAssignments.Change add(
      @PathParam("bankCode") String bankCode, Addition body, @Context SecurityContext security)
      throws SQLException {
    if (body == null) {
      throw Refusal.badRequest("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
    return assignments.add(
        bankCode, body.factoryId(), body.reason(), TokenCaller.subject(security));
  }
}
