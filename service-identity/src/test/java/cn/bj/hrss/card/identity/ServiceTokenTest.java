package cn.bj.hrss.card.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTokenTest {

  @Test
  void aRenewedTokenIsUsedWithoutARestart(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("service.token");
    Files.writeString(file, "first.token.value\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    ServiceToken token = ServiceToken.fromFile(Optional.of(file.toString()));
    assertEquals(Optional.of("Bearer first.token.value"), token.authorization());

    Files.writeString(file, "second.token.value");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:10:00Z")));
    assertEquals(Optional.of("Bearer second.token.value"), token.authorization());
  }

  @Test
  void withoutAFileCallsGoWithoutAToken() {
    assertTrue(ServiceToken.fromFile(Optional.of(" ")).authorization().isEmpty());
    assertTrue(ServiceToken.fromFile(Optional.empty()).authorization().isEmpty());
  }
}
