package cn.bj.hrss.card.bank.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as HTTP answers naming their rule; every 404 is the same answer. */
public class ApiErrorMappers {

  @ServerExceptionMapper
  public Response refusal(Refusal refusal) {
    return Response.status(refusal.status())
        .type(MediaType.APPLICATION_JSON)
        .entity(refusal.error())
        .build();
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Response.status(404).type(MediaType.APPLICATION_JSON).entity(ApiError.NOT_FOUND).build();
  }
}
