package cn.bj.hrss.card.notification.verification;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.notification.sms.Masking;
import cn.bj.hrss.card.notification.sms.Recipients;
import cn.bj.hrss.card.notification.verification.MessageCheck.Answer;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Where a citizen pastes an SMS they received, with their mobile, to learn whether it is ours. */
@RolesAllowed({Roles.CITIZEN, Roles.OPERATOR})
@Path("/notifications/verify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageCheckResource {

  private static final Logger LOG = Logger.getLogger(MessageCheckResource.class);
  private static final int MAX_TEXT = 1000;

  /** What the citizen sends: their mobile and the text as they received it. */
  public record Question(String mobile, String text) {}

  private final MessageCheck check;

  MessageCheckResource(MessageCheck check) {
    this.check = check;
  }

  @POST
  public Answer verify(Question question) throws SQLException {
    if (question == null) {
      throw invalid("请提供手机号码和短信内容。");
    }
    Optional<String> mobile = Recipients.mobile(question.mobile());
    if (mobile.isEmpty()) {
      throw invalid("手机号码有误，请填写11位大陆手机号。");
    }
    if (question.text() == null || question.text().isBlank()) {
      throw invalid("请粘贴您收到的短信内容。");
    }
    if (question.text().length() > MAX_TEXT) {
      throw invalid("短信内容过长（最多" + MAX_TEXT + "个字）。");
    }
    Answer answer = check.check(mobile.get(), question.text());
    LOG.infof(
        "citizen check for %s: %s",
        Masking.mobile(mobile.get()), answer.sentByProgramme() ? "sent by us" : "not ours");
    return answer;
  }

  private static Refusal invalid(String message) {
    return Refusal.badRequest("INPUT-INVALID", message, "the request was refused as invalid");
  }
}
