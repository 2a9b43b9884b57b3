package cn.bj.hrss.card.application.pickup;

import cn.bj.hrss.card.application.card.domain.PickupPeriod;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** S-PICKUP-1 for operators: the pickup period (reference data) and the pickup sweep on demand. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PickupResource {

  private final PickupPeriods periods;
  private final PickupSweep sweep;

  PickupResource(PickupPeriods periods, PickupSweep sweep) {
    this.periods = periods;
    this.sweep = sweep;
  }

  /** The body of {@code PUT /pickup-period}. */
  public record PeriodBody(Integer days, Integer reminderDaysBefore) {}

  @GET
  @Path("/pickup-period")
  public PickupPeriods.InForce period(@BeanParam CallerHeaders headers) {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    return periods.current();
  }

  @PUT
  @Path("/pickup-period")
  @Consumes(MediaType.APPLICATION_JSON)
  public PickupPeriods.InForce setPeriod(@BeanParam CallerHeaders headers, PeriodBody body) {
    String operator = headers.context().requireRole("OPERATOR").actorId();
    if (body == null || body.days() == null || body.reminderDaysBefore() == null) {
      throw RuleViolation.invalidInput(
          "INPUT-MISSING", "请填写领卡期限和提醒天数。", "days and reminderDaysBefore are required");
    }
    return periods.set(new PickupPeriod(body.days(), body.reminderDaysBefore()), operator);
  }

  /** Runs the pickup sweep now, on today's business date. */
  @POST
  @Path("/pickup-sweep")
  public PickupSweep.Report runSweep(@BeanParam CallerHeaders headers) {
    headers.context().requireRole("OPERATOR");
    return sweep.run();
  }
}
