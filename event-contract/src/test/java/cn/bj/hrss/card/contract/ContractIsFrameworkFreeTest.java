package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The event records are a published contract: they may refer only to the JDK and to each other, and
 * carry no annotation of any framework (Jackson, Axon, Quarkus, Kafka).
 */
class ContractIsFrameworkFreeTest {

  private static final Set<String> CONTRACT_PACKAGES =
      Set.of(
          EventEnvelope.class.getPackageName(),
          ProductionOverdue.class.getPackageName(),
          OfficialCalendarYearLoaded.class.getPackageName());

  @Test
  void event_records_refer_only_to_the_jdk_and_the_contract_package() {
    List<String> offences = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    List<Class<?>> roots =
        new ArrayList<>(
            List.of(
                EventEnvelope.class, ProductionOverdue.class, OfficialCalendarYearLoaded.class));
    EventTypes.ALL.forEach(t -> roots.add(t.payloadClass()));
    roots.forEach(root -> check(root, seen, offences));

    assertTrue(seen.size() > EventTypes.ALL.size(), "the walk visited the contract: " + seen);
    assertEquals(List.of(), offences);
  }

  private static void check(Class<?> type, Set<Class<?>> seen, List<String> offences) {
    if (type.isPrimitive() || !seen.add(type)) {
      return;
    }
    String pkg = type.getPackageName();
    if (pkg.startsWith("java.")) {
      return;
    }
    if (!CONTRACT_PACKAGES.contains(pkg)) {
      offences.add(type.getName() + " is outside the contract package");
      return;
    }
    for (Annotation a : type.getAnnotations()) {
      offences.add(type.getSimpleName() + " is annotated with " + a.annotationType().getName());
    }
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        check(permitted, seen, offences);
      }
    }
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      for (Annotation a : component.getAnnotations()) {
        offences.add(type.getSimpleName() + "." + component.getName() + " is annotated with " + a);
      }
      checkType(component.getGenericType(), seen, offences);
    }
  }

  private static void checkType(Type type, Set<Class<?>> seen, List<String> offences) {
    if (type instanceof Class<?> c) {
      check(c, seen, offences);
    } else if (type instanceof ParameterizedType p) {
      checkType(p.getRawType(), seen, offences);
      for (Type argument : p.getActualTypeArguments()) {
        checkType(argument, seen, offences);
      }
    } else {
      offences.add("unexpected generic type " + type);
    }
  }
}
