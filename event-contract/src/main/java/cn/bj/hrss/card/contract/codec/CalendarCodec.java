package cn.bj.hrss.card.contract.codec;

import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads and writes the messages of {@code official-calendar.v1} as JSON (docs/event-contract.md).
 */
public final class CalendarCodec {

  private static final ObjectMapper MAPPER = EventCodec.newObjectMapper();

  private CalendarCodec() {}

  public static byte[] encode(OfficialCalendarYearLoaded year) {
    try {
      return MAPPER.writeValueAsBytes(year);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode calendar " + year.calendarId(), e);
    }
  }

  /**
   * @throws MalformedEventException when the bytes are not an OfficialCalendarYearLoaded message
   */
  public static OfficialCalendarYearLoaded decode(byte[] json) {
    if (json == null) {
      throw new MalformedEventException("no value", null);
    }
    try {
      OfficialCalendarYearLoaded year = MAPPER.readValue(json, OfficialCalendarYearLoaded.class);
      if (year.calendarId() == null || year.version() < 1 || year.days() == null) {
        throw new MalformedEventException("calendar without calendarId, version or days", null);
      }
      for (var day : year.days()) {
        if (day == null || day.date() == null || day.kind() == null) {
          throw new MalformedEventException("calendar day without date or kind", null);
        }
      }
      return year;
    } catch (IOException e) {
      throw new MalformedEventException(
          "not an OfficialCalendarYearLoaded message: " + e.getMessage(), e);
    }
  }
}
