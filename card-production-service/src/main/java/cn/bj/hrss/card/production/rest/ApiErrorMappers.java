package cn.bj.hrss.card.production.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as HTTP answers with a rule id, like application-service's. */
public class ApiErrorMappers {

  @ServerExceptionMapper
  public Response invalidInput(InvalidInput invalid) {
    return Response.status(Response.Status.BAD_REQUEST).entity(invalid.error()).build();
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Response.status(Response.Status.NOT_FOUND)
        .entity(new ApiError("NOT-FOUND", "未找到。", e.getMessage()))
        .build();
  }
}
