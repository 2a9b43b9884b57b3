package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.CalendarCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** official-calendar.v1: the golden sample decodes, and encodes back to the same JSON. */
class CalendarGoldenSampleTest {

  static final String GOLDEN = "/golden/calendar/v1/OfficialCalendarYearLoaded.json";

  @Test
  void the_calendar_message_round_trips_as_its_golden_sample() throws Exception {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
      golden = in.readAllBytes();
    }
    OfficialCalendarYearLoaded year = CalendarCodec.decode(golden);
    assertEquals("2027-v2", year.calendarId());
    assertEquals(2, year.version());
    assertEquals(LocalDate.parse("2027-02-20"), year.days().get(1).date());
    assertEquals("WORK", year.days().get(1).kind());
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(golden), json.readTree(CalendarCodec.encode(year)));
  }

  @Test
  void a_message_without_its_days_or_version_is_malformed() {
    assertThrows(
        MalformedEventException.class,
        () ->
            CalendarCodec.decode(
                "{\"calendarId\":\"2027-v1\",\"year\":2027,\"version\":1}"
                    .getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        MalformedEventException.class,
        () ->
            CalendarCodec.decode(
                "{\"calendarId\":\"2027-v0\",\"year\":2027,\"version\":0,\"days\":[]}"
                    .getBytes(StandardCharsets.UTF_8)));
    assertThrows(MalformedEventException.class, () -> CalendarCodec.decode(null));
  }
}
